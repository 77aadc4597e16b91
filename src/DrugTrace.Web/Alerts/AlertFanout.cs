using DrugTrace.Application.Alerts;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// One background loop takes committed alerts off the scan's path and hands them to the SignalR
/// listeners (<see cref="AlertListeners"/>, a queue each) and to this instance's Blazor subscribers.
/// It never waits for a listener: one that does not read is told what it missed instead of holding
/// up the others.
/// </summary>
public sealed class AlertFanout(AlertQueue queue, AlertListeners listeners, AlertBroadcaster broadcaster, ILogger<AlertFanout> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await HandOnAsync(item.Alert, item.IsNew);
                item.Handed?.TrySetResult();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One alert that cannot be pushed must not end the loop; a waiting outbox retries it.
                logger.LogError(ex, "Could not hand alert {Id} to its listeners", item.Alert.Id);
                item.Handed?.TrySetException(ex);
            }
        }
    }

    private async Task HandOnAsync(Domain.Alerts.Alert alert, bool isNew)
    {
        // Regulators and the brand owner read the investigation's notes; the scanning party, investigated, does not.
        var full = AlertDto.From(alert);
        string[] readers = alert.BrandOwner is { } owner ? [AlertsHub.Regulators, AlertsHub.PartyGroup(owner)] : [AlertsHub.Regulators];
        var scanner = alert.ScanningParty != alert.BrandOwner ? AlertsHub.PartyGroup(alert.ScanningParty) : null;
        listeners.Push(full, scanner is null ? full : full.WithoutNotes(), isNew, readers, scanner);
        await broadcaster.PublishAsync(alert, isNew);
    }
}
