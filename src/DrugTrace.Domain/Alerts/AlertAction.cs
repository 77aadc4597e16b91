using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts;

/// <summary>
/// What was being done when an alert was raised: a scan asking for a pack action (<see cref="Scan"/>),
/// or the ledger audit (<see cref="Audit"/>). Stored and shown as the action's word ("undo-dispense", "audit").
/// </summary>
public readonly record struct AlertAction
{
    private AlertAction(PackAction? scan) => Scan = scan;

    /// <summary>The action the scan asked for; null for the audit.</summary>
    public PackAction? Scan { get; }

    public bool IsAudit => Scan is null;

    /// <summary>An integrity finding of the ledger audit, not a scan.</summary>
    public static AlertAction Audit { get; } = new(null);

    public static implicit operator AlertAction(PackAction action) => new(action);

    public override string ToString() => Scan?.ToString() ?? "Audit";
}
