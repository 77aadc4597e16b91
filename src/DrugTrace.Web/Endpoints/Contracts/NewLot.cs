namespace DrugTrace.Web.Endpoints.Contracts;

/// <summary>A lot to register; <c>Expiry</c> is "YYYY-MM-DD"; <c>Quantity</c> packs are commissioned.</summary>
public sealed record NewLot(string? Gtin, string? Lot, string? Expiry, int Quantity);
