namespace DrugTrace.Web.Alerts;

/// <summary>What the alerts hub calls on its clients. The names are the wire names (camelCase) on purpose.</summary>
#pragma warning disable IDE1006 // Wire names are part of the published contract: alertRaised, alertUpdated, alertsMissed.
public interface IAlertsClient
{
    Task alertRaised(PushedAlert alert);

    Task alertUpdated(PushedAlert alert);

    /// <summary>This listener fell behind and some pushes were dropped: fetch them (see <see cref="AlertsMissed"/>).</summary>
    Task alertsMissed(AlertsMissed missed);
}
#pragma warning restore IDE1006
