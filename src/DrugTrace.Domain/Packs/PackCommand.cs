namespace DrugTrace.Domain.Packs;

/// <summary>
/// A handoff request: the action, the recipient for a shipment, the reason for a decommission,
/// and the free-text reason a quarantine (or a confirmation of it) needs.
/// </summary>
public sealed record PackCommand(PackAction Action, string? To = null, DecommissionReason? Reason = null, string? Note = null);
