using DrugTrace.Application.Alerts;
using Microsoft.AspNetCore.SignalR;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// One background loop takes committed alerts off the scan's path and sends them to their
/// SignalR groups and to this instance's Blazor subscribers. It does not wait for a send to
/// complete (a client with a full buffer would hold up every other one); it only caps how many
/// sends may be outstanding, so a dead client cannot make it pile up work without end.
/// </summary>
public sealed class AlertFanout(AlertQueue queue, IHubContext<AlertsHub, IAlertsClient> hub, AlertBroadcaster broadcaster, ILogger<AlertFanout> logger)
    : BackgroundService
{
    private const int MaxOutstandingSends = 1_000;
    private readonly SemaphoreSlim _outstanding = new(MaxOutstandingSends);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (alert, isNew) in queue.ReadAllAsync(stoppingToken))
        {
            var dto = AlertDto.From(alert);
            var groups = AlertVisibility.PartiesOf(alert).Select(AlertsHub.PartyGroup).Append(AlertsHub.Regulators).ToList();
            await _outstanding.WaitAsync(stoppingToken);
            var clients = hub.Clients.Groups(groups);
            _ = SendAsync(isNew ? clients.alertRaised(dto) : clients.alertUpdated(dto), alert.Id);
            await broadcaster.PublishAsync(alert, isNew);
        }
    }

    private async Task SendAsync(Task send, long alertId)
    {
        try
        {
            await send;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Listeners that miss a push catch up with GET /api/v1/alerts?since=.
            logger.LogError(ex, "Could not push alert {Id}", alertId);
        }
        finally
        {
            _outstanding.Release();
        }
    }

    public override void Dispose()
    {
        _outstanding.Dispose();
        base.Dispose();
    }
}
