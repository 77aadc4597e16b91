namespace DrugTrace.Domain.Gs1;

/// <summary>
/// What a scan says about a pack: GTIN and serial identify it; lot and expiry are what the
/// label claims, to be compared with what was commissioned.
/// </summary>
public sealed record PackIdentity(Gtin Gtin, string Serial, string? Lot, DateOnly? Expiry);
