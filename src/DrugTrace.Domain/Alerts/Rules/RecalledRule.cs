using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>The pack's lot is recalled: it must not be moved on or put back into stock.</summary>
public static class RecalledRule
{
    public static Finding? Check(ScanFacts f)
    {
        if (f is not { Pack: { } pack, Lot: { IsRecalled: true } lot }) return null;
        var applies = f.Action switch
        {
            PackAction.Ship or PackAction.Receive or PackAction.Dispense or PackAction.Verify => RuleText.IsInSupplyChain(pack.Status),
            PackAction.UndoDispense => true,
            _ => false,
        };
        return applies
            ? new Finding(AlertKind.Recalled,
                $"Lot {lot.Lot} has been recalled{(lot.RecallReason is { Length: > 0 } r ? $": {r}" : "")}. Do not supply it.")
            : null;
    }
}
