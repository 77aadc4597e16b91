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
        // An uninvolved party is told only that it does not hold the pack, never who does (least disclosure).
        var involved = pack.Custodian == actor || pack.ShipTo == actor;
        var message = f.Action == PackAction.Receive
            ? pack.Status == PackStatus.InTransit && involved
                ? $"This pack was shipped to {f.Name(pack.ShipTo)}, not to you."
                : "The ledger has not recorded a shipment of this pack to you, so it cannot be received; ask your supplier to record it."
            : pack.Status == PackStatus.InTransit && involved
                ? $"This pack is on its way to {f.Name(pack.ShipTo)}; it is not in your stock."
                : involved
                    ? $"This pack is in the stock of {f.Name(pack.Custodian)}, not {f.Actor.Name}."
                    : "The ledger places this pack with another party, not in your stock, so you cannot move it; ask your supplier to record its shipment to you.";
        return new Finding(AlertKind.CustodyMismatch, message);
    }
}
