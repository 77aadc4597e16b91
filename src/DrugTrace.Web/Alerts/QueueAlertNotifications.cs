using DrugTrace.Application.Alerts;
using Mediator;

namespace DrugTrace.Web.Alerts;

/// <summary>Hands committed alerts to the push loop and returns at once: the scan does not wait for listeners.</summary>
public sealed class QueueAlertNotifications(AlertQueue queue) : INotificationHandler<AlertRaised>, INotificationHandler<AlertUpdated>
{
    public ValueTask Handle(AlertRaised notification, CancellationToken cancellationToken)
    {
        queue.Enqueue(notification.Alert, isNew: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(AlertUpdated notification, CancellationToken cancellationToken)
    {
        queue.Enqueue(notification.Alert, isNew: false);
        return ValueTask.CompletedTask;
    }
}
