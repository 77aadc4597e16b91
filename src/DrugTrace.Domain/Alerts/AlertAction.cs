using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts;

/// <summary>
/// What was being done when an alert was raised: a scan asking for a pack action (<see cref="Scan"/>),
/// or a check of the ledger (<see cref="Check"/>: the audit, a witness). Stored and shown as a word
/// ("undo-dispense", "audit", "witness").
/// </summary>
public readonly record struct AlertAction
{
    private AlertAction(PackAction? scan, LedgerCheck? check) => (Scan, Check) = (scan, check);

    /// <summary>The action the scan asked for; null for a ledger check.</summary>
    public PackAction? Scan { get; }

    /// <summary>The ledger check that raised the alert; null for a scan.</summary>
    public LedgerCheck? Check { get; }

    public bool IsAudit => Check == LedgerCheck.Audit;

    /// <summary>An integrity finding of the ledger audit, not a scan.</summary>
    public static AlertAction Audit { get; } = new(null, LedgerCheck.Audit);

    /// <summary>A witness refused a checkpoint the log signed.</summary>
    public static AlertAction Witness { get; } = new(null, LedgerCheck.Witness);

    public static implicit operator AlertAction(PackAction action) => new(action, null);

    public override string ToString() => Scan?.ToString() ?? Check?.ToString() ?? "Audit";
}
