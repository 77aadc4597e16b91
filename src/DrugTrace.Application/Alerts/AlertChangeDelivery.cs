using DrugTrace.Domain.Alerts;
using Microsoft.Extensions.Logging;

namespace DrugTrace.Application.Alerts;

/// <summary>
/// How a store's change feed (<see cref="IAlertChangeFeed"/>) hands one committed alert change to
/// this instance's sinks: to each in turn, and a sink that fails is tried again after
/// <c>pause(failures)</c> until it takes it. The others get it once; the feed moves on only when
/// every sink has it, so pushes keep their order.
/// </summary>
public static class AlertChangeDelivery
{
    public static async Task DeliverAsync(IReadOnlyList<IAlertChangeSink> sinks, Alert alert, bool isNew,
        Func<int, CancellationToken, Task> pause, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var sink in sinks)
        {
            for (var failures = 1; ; failures++)
            {
                try
                {
                    await sink.AcceptAsync(alert, isNew, cancellationToken);
                    break;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Alert change sink {Sink} failed on alert {Id} (failure {Failures}); trying it again",
                        sink.GetType().Name, alert.Id, failures);
                    await pause(failures, cancellationToken);
                }
            }
        }
    }
}
