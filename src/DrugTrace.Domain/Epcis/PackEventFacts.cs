using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Epcis;

/// <summary>One event of a pack's chain, with the lot and expiry it was commissioned with: what an EPCIS ObjectEvent says.</summary>
public sealed record PackEventFacts(
    EventType Type, string Gtin, string Serial, string Lot, DateOnly Expiry, string Actor, string? From, string? To,
    string? Reason, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt);
