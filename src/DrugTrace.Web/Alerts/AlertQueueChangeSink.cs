using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// Alerts from the store's change feed (MongoDB: every instance's change stream) go into the same
/// push queue as the in-process notifications do without a feed, so <see cref="AlertFanout"/>
/// sends them to this instance's SignalR groups and Blazor components in one place. It returns once
/// the push was handed on, so that a feed that retries (SQLite's outbox) forgets a push only then.
/// </summary>
public sealed class AlertQueueChangeSink(AlertQueue queue) : IAlertChangeSink
{
    public async ValueTask AcceptAsync(Alert alert, bool isNew, CancellationToken cancellationToken) =>
        await queue.EnqueueAndWaitAsync(alert, isNew, cancellationToken);
}
