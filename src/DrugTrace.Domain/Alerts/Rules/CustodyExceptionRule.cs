using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>
/// A trading party verifies, receives or dispenses a genuine pack that the ledger places with
/// someone else and not on its way to it. Most often the supplier has not yet recorded the shipment
/// ("product, no data"), so a verification is answered as genuine with this exception, not as a
/// clone; a receipt or a dispense stays refused (<see cref="CustodyMismatchRule"/>) and records the
/// same exception. The message never names the holder: the scanning party is not involved in the
/// pack's custody.
/// </summary>
public static class CustodyExceptionRule
{
    public const string Message = "Genuine pack, but the ledger places it with another party and has not yet recorded a shipment of this pack to you. "
        + "Ask your supplier to record it before you receive or dispense the pack.";

    public static Finding? Check(ScanFacts f)
    {
        if (f.Action is not (PackAction.Verify or PackAction.Receive or PackAction.Dispense)) return null;
        if (f.Actor?.Role is not (PartyRole.Wholesaler or PartyRole.Pharmacy)) return null;
        if (f.Pack is not { Status: PackStatus.Active or PackStatus.InTransit } pack) return null;
        if (pack.Custodian == f.Actor.Gln || pack.ShipTo == f.Actor.Gln) return null;
        return new Finding(AlertKind.CustodyException, Message);
    }
}
