using DrugTrace.Application.Alerts;
using Mediator;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// Hands committed alerts to the push loop and returns at once: the scan does not wait for listeners.
/// When the store has its own change feed (<see cref="IAlertChangeFeed"/>, MongoDB), the feed is the
/// push source for every instance, this one included, so the in-process notification is not queued:
/// queuing it too would push each alert raised here twice.
/// </summary>
public sealed class QueueAlertNotifications(AlertQueue queue, IEnumerable<IAlertChangeFeed> feeds)
    : INotificationHandler<AlertRaised>, INotificationHandler<AlertUpdated>
{
    private readonly bool _storeFeedsThePush = feeds.Any();

    public ValueTask Handle(AlertRaised notification, CancellationToken cancellationToken)
    {
        if (!_storeFeedsThePush) queue.Enqueue(notification.Alert, isNew: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(AlertUpdated notification, CancellationToken cancellationToken)
    {
        if (!_storeFeedsThePush) queue.Enqueue(notification.Alert, isNew: false);
        return ValueTask.CompletedTask;
    }
}
