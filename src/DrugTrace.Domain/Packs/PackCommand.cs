namespace DrugTrace.Domain.Packs;

/// <summary>
/// A handoff request: the action, the recipient for a shipment, the reason for a decommission,
/// and the free-text reason a quarantine (or a confirmation of it) needs. <see cref="OccurredAt"/> is
/// when it happened, when another system reports it later (an EPCIS capture); otherwise it is now.
/// <see cref="Case"/> is the SSCC of the case the pack is shipped or received with (its own case: a pack
/// inside a case moves only with it).
/// </summary>
public sealed record PackCommand(
    PackAction Action, string? To = null, DecommissionReason? Reason = null, string? Note = null, DateTimeOffset? OccurredAt = null,
    string? Case = null);
