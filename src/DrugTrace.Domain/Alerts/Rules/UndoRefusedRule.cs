using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>Only the dispensing pharmacy may undo a dispense, and only within 10 days.</summary>
public static class UndoRefusedRule
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(10);

    public static Finding? Check(ScanFacts f)
    {
        if (f.Action != PackAction.UndoDispense || f.Actor is null || f.Pack is not { Status: PackStatus.Dispensed } pack) return null;
        if (pack.ChangedBy != f.Actor.Gln)
            return new Finding(AlertKind.UndoRefused, "Only the pharmacy that dispensed this pack can undo it.");
        if (f.Now - pack.ChangedAt > Window)
            return new Finding(AlertKind.UndoRefused,
                $"This pack was dispensed on {RuleText.Date(pack.ChangedAt)}; a dispense can only be undone within 10 days.");
        return null;
    }
}
