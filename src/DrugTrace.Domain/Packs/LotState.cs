using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Packs;

/// <summary>A registered lot of a product, with its recall state and the head of its own short chain.</summary>
public sealed record LotState(
    string Gtin,
    string Lot,
    DateOnly Expiry,
    string Manufacturer,
    ChainHead Head,
    DateTimeOffset? RecalledAt = null,
    string? RecallReason = null)
{
    public bool IsRecalled => RecalledAt is not null;
}
