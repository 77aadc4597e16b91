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
            // Regulators and the brand owner read the investigation's notes; the scanning party, investigated, does not.
            var full = AlertDto.From(alert);
            var readers = new List<string> { AlertsHub.Regulators };
            if (alert.BrandOwner is { } owner) readers.Add(AlertsHub.PartyGroup(owner));
            await _outstanding.WaitAsync(stoppingToken);
            var clients = hub.Clients.Groups(readers);
            _ = SendAsync(isNew ? clients.alertRaised(full) : clients.alertUpdated(full), alert.Id);
            if (alert.ScanningParty != alert.BrandOwner)
            {
                var withoutNotes = full.WithoutNotes();
                await _outstanding.WaitAsync(stoppingToken);
                var scanner = hub.Clients.Group(AlertsHub.PartyGroup(alert.ScanningParty));
                _ = SendAsync(isNew ? scanner.alertRaised(withoutNotes) : scanner.alertUpdated(withoutNotes), alert.Id);
            }
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
