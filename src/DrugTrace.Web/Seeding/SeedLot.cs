namespace DrugTrace.Web.Seeding;

/// <summary>A lot to commission, and the handoffs to replay on its first packs so that the demo has history.</summary>
public sealed record SeedLot(string Gtin, string Lot, string Expiry, int Quantity, IReadOnlyList<SeedStep>? Steps, string? Recall);
