using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>
/// A party moves a pack that is not in its stock nor addressed to it: a sign of diversion.
/// </summary>
public static class CustodyMismatchRule
{
    public static Finding? Check(ScanFacts f)
    {
        if (f.Pack is not { } pack || f.Actor is null || !RuleText.IsInSupplyChain(pack.Status)) return null;
        var actor = f.Actor.Gln;
        var mismatch = f.Action switch
        {
            PackAction.Ship or PackAction.Decommission => pack.Custodian != actor,
            PackAction.Receive => pack.Status != PackStatus.InTransit || pack.ShipTo != actor,
            PackAction.Dispense => pack.Status != PackStatus.Active || pack.Custodian != actor,
            _ => false,
        };
        if (!mismatch) return null;
        var message = f.Action == PackAction.Receive
            ? pack.Status == PackStatus.InTransit
                ? $"This pack was shipped to {f.Name(pack.ShipTo)}, not to you."
                : $"This pack was never shipped to you; it is in the stock of {f.Name(pack.Custodian)}."
            : pack.Status == PackStatus.InTransit
                ? $"This pack is on its way to {f.Name(pack.ShipTo)}; it is not in your stock."
                : $"This pack is in the stock of {f.Name(pack.Custodian)}, not {f.Actor.Name}.";
        return new Finding(AlertKind.CustodyMismatch, message);
    }
}
