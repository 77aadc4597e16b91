namespace DrugTrace.Domain.Packs;

/// <summary>A handoff request: the action, the recipient for a shipment, the reason for a decommission.</summary>
public sealed record PackCommand(PackAction Action, string? To = null, DecommissionReason? Reason = null);
