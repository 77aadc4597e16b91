namespace DrugTrace.Application.Stock;

/// <summary>Configuration section "Stock".</summary>
public sealed class StockOptions
{
    public const string Section = "Stock";

    /// <summary>A lot expiring within this many days is flagged as near expiry (to be sold or returned first).</summary>
    public int NearExpiryDays { get; set; } = 90;
}
