using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>
/// A trading party verifies, as if it had it in hand, a pack that the ledger places in another
/// party's stock and not on its way to it: either the pack or this one is a copy.
/// </summary>
public static class CloneSuspectedRule
{
    public static Finding? Check(ScanFacts f)
    {
        if (f.Action != PackAction.Verify || f.Actor?.Role is not (PartyRole.Wholesaler or PartyRole.Pharmacy)) return null;
        if (f.Pack is not { } pack || !RuleText.IsInSupplyChain(pack.Status)) return null;
        if (pack.Custodian == f.Actor!.Gln || pack.ShipTo == f.Actor.Gln) return null;
        return new Finding(AlertKind.CloneSuspected,
            $"The ledger places this serial in the stock of {f.Name(pack.Custodian)}"
            + (pack.Status == PackStatus.InTransit ? $", on its way to {f.Name(pack.ShipTo)}" : "")
            + ", not with you: one of the two packs may be a copy. Keep this pack aside.");
    }
}
