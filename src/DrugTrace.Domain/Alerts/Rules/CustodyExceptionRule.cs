using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>
/// A trading party verifies a genuine pack that the ledger places with someone else and not on its
/// way to it. Most often the supplier has not yet recorded the shipment ("product, no data"), so the
/// pack is answered as genuine with an exception, not as a clone. The message never names the
/// holder: the scanning party is not involved in the pack's custody.
/// </summary>
public static class CustodyExceptionRule
{
    public static Finding? Check(ScanFacts f)
    {
        if (f.Action != PackAction.Verify || f.Actor?.Role is not (PartyRole.Wholesaler or PartyRole.Pharmacy)) return null;
        if (f.Pack is not { Status: PackStatus.Active or PackStatus.InTransit } pack) return null;
        if (pack.Custodian == f.Actor!.Gln || pack.ShipTo == f.Actor.Gln) return null;
        return new Finding(AlertKind.CustodyException,
            "Genuine pack, but the ledger has not yet recorded a shipment of this pack to you. "
            + "Ask your supplier to record it before you receive or dispense the pack.");
    }
}
