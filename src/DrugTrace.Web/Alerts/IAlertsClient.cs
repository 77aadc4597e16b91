using DrugTrace.Application.Alerts;

namespace DrugTrace.Web.Alerts;

/// <summary>What the alerts hub calls on its clients. The names are the wire names (camelCase) on purpose.</summary>
#pragma warning disable IDE1006 // Wire names are part of the published contract: alertRaised, alertUpdated.
public interface IAlertsClient
{
    Task alertRaised(AlertDto alert);

    Task alertUpdated(AlertDto alert);
}
#pragma warning restore IDE1006
