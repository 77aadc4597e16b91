using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Alerts;

/// <summary>Regulators see every alert; a party sees the alerts it raised and those on its own brands.</summary>
public static class AlertVisibility
{
    public static bool CanSee(Party party, Alert alert) =>
        party.Role == PartyRole.Regulator || alert.ScanningParty == party.Gln || alert.BrandOwner == party.Gln;

    /// <summary>The SignalR/broadcast audiences of an alert: the regulators, the scanning party and the brand owner.</summary>
    public static IEnumerable<string> PartiesOf(Alert alert) =>
        alert.BrandOwner is { } owner && owner != alert.ScanningParty ? [alert.ScanningParty, owner] : [alert.ScanningParty];
}
