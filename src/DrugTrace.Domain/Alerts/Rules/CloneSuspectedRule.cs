using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>
/// What custody cannot explain, when a trading party verifies a pack as if it had it in hand:
/// the pack already left the supply chain at another party (dispensed, destroyed, exported, ...),
/// or it was seen at two parties within the clone window that custody does not link (a party
/// that neither holds nor expects it, and the holder or a third party; the holder "reports it in
/// stock" by scanning it). One of the two packs is a copy. A pack merely held elsewhere, seen once,
/// is a custody exception instead (<see cref="CustodyExceptionRule"/>). The message names no one.
/// </summary>
public static class CloneSuspectedRule
{
    private const string KeepAside = "the pack in your hand or that one may be a copy. Keep this pack aside.";

    public static Finding? Check(ScanFacts f)
    {
        if (f.Action != PackAction.Verify || f.Actor?.Role is not (PartyRole.Wholesaler or PartyRole.Pharmacy)) return null;
        if (f.Pack is not { } pack || pack.Status == PackStatus.Stolen) return null;
        return RuleText.IsInSupplyChain(pack.Status) ? SeenAtTwoParties(f, pack) : LeftTheChain(f, pack);
    }

    private static Finding? LeftTheChain(ScanFacts f, PackState pack) =>
        pack.ChangedBy == f.Actor!.Gln
            ? null
            : new Finding(AlertKind.CloneSuspected,
                $"This serial was already {RuleText.Describe(pack.Status)} elsewhere on {RuleText.Date(pack.ChangedAt)}, "
                + $"yet it is scanned here: {KeepAside}");

    private static Finding? SeenAtTwoParties(ScanFacts f, PackState pack)
    {
        var actor = f.Actor!.Gln;
        bool Involved(string party) => party == pack.Custodian || party == pack.ShipTo || f.RecentCustody.Contains(party);
        // Custody links the parties that held, sent or were sent the pack in the window; any other pair holding it at once it does not.
        var unexplained = f.RecentSightings.FirstOrDefault(s => s.Party != actor && (!Involved(actor) || !Involved(s.Party)));
        if (unexplained is null) return null;
        var ago = RuleText.Ago(f.Now - unexplained.At);
        var message = !Involved(actor) && unexplained.Party == pack.Custodian
            ? $"The party that holds this serial in stock scanned it {ago} ago, yet it is scanned here too: {KeepAside}"
            : Involved(actor)
                ? $"Another party scanned this serial {ago} ago while the ledger places it with you: {KeepAside}"
                : $"Another party scanned this serial {ago} ago, yet it is scanned here too: {KeepAside}";
        return new Finding(AlertKind.CloneSuspected, message);
    }
}
