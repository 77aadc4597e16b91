using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Alerts;

/// <summary>
/// Regulators see every alert; a party sees the alerts it raised, those on its own brands and the
/// custody exceptions on packs it holds.
/// </summary>
public static class AlertVisibility
{
    public static bool CanSee(Party party, Alert alert) =>
        party.Role == PartyRole.Regulator || alert.ScanningParty == party.Gln || alert.BrandOwner == party.Gln
        || (alert.Custodian is { } custodian && custodian == party.Gln);

    /// <summary>The SignalR/broadcast audiences of an alert: the regulators, the scanning party, the brand owner and (custody exception) the holder.</summary>
    public static IEnumerable<string> PartiesOf(Alert alert) =>
        new[] { alert.ScanningParty, alert.BrandOwner, alert.Custodian }.OfType<string>().Distinct(StringComparer.Ordinal);
}
