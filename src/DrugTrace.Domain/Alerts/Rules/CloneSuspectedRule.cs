using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>
/// What custody cannot explain: a trading party verifies, as if it had it in hand, a pack that has
/// already left the supply chain at another party (dispensed, destroyed, exported, ...). One of the
/// two packs is a copy. A pack merely held elsewhere is a custody exception instead
/// (<see cref="CustodyExceptionRule"/>). Neither names the other party.
/// </summary>
public static class CloneSuspectedRule
{
    public static Finding? Check(ScanFacts f)
    {
        if (f.Action != PackAction.Verify || f.Actor?.Role is not (PartyRole.Wholesaler or PartyRole.Pharmacy)) return null;
        if (f.Pack is not { } pack || RuleText.IsInSupplyChain(pack.Status) || pack.Status == PackStatus.Stolen) return null;
        if (pack.ChangedBy == f.Actor!.Gln) return null;
        return new Finding(AlertKind.CloneSuspected,
            $"This serial was already {RuleText.Describe(pack.Status)} elsewhere on {RuleText.Date(pack.ChangedAt)}, "
            + "yet it is scanned here: the pack in your hand or that one may be a copy. Keep this pack aside.");
    }
}
