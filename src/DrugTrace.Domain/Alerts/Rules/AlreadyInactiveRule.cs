using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>
/// A pack that already left the supply chain (dispensed, destroyed, exported, ...) is scanned
/// as if it were stock. Undo and unlock have their own rules.
/// </summary>
public static class AlreadyInactiveRule
{
    public static Finding? Check(ScanFacts f) =>
        f.Pack is { } pack && f.Action is not (PackAction.UndoDispense or PackAction.Unlock)
            && !RuleText.IsInSupplyChain(pack.Status) && pack.Status != PackStatus.Stolen
            ? new Finding(AlertKind.AlreadyInactive,
                $"This pack was already {RuleText.Describe(pack.Status)} by {f.Name(pack.ChangedBy)} on {pack.ChangedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.")
            : null;
}
