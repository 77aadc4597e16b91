using DrugTrace.Application.Alerts;
using Microsoft.AspNetCore.SignalR;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// One background loop sends queued alerts to their SignalR groups and to this instance's
/// Blazor subscribers, off the scan's path, so a slow or dead subscriber never slows a handoff.
/// </summary>
public sealed class AlertFanout(AlertQueue queue, IHubContext<AlertsHub, IAlertsClient> hub, AlertBroadcaster broadcaster, ILogger<AlertFanout> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (alert, isNew) in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                var dto = AlertDto.From(alert);
                var groups = AlertVisibility.PartiesOf(alert).Select(AlertsHub.PartyGroup).Append(AlertsHub.Regulators).ToList();
                var clients = hub.Clients.Groups(groups);
                await (isNew ? clients.alertRaised(dto) : clients.alertUpdated(dto));
                await broadcaster.PublishAsync(alert, isNew);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Listeners that miss a push catch up with GET /api/v1/alerts?since=.
                logger.LogError(ex, "Could not push alert {Id}", alert.Id);
            }
        }
    }
}
