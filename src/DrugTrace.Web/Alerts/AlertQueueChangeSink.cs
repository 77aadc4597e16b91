using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// Alerts from the store's change feed (MongoDB: every instance's change stream) go into the same
/// push queue as the in-process notifications do without a feed, so <see cref="AlertFanout"/>
/// sends them to this instance's SignalR groups and Blazor components in one place.
/// </summary>
public sealed class AlertQueueChangeSink(AlertQueue queue) : IAlertChangeSink
{
    public ValueTask AcceptAsync(Alert alert, bool isNew, CancellationToken cancellationToken)
    {
        queue.Enqueue(alert, isNew);
        return ValueTask.CompletedTask;
    }
}
