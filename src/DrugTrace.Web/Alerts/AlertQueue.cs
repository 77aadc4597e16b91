using System.Threading.Channels;
using DrugTrace.Domain.Alerts;

namespace DrugTrace.Web.Alerts;

/// <summary>Committed alerts waiting to be pushed. Unbounded: a storm is de-duplicated before it gets here.</summary>
public sealed class AlertQueue
{
    private readonly Channel<QueuedAlert> _channel =
        Channel.CreateUnbounded<QueuedAlert>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Alert alert, bool isNew) => _channel.Writer.TryWrite(new QueuedAlert(alert, isNew, null));

    /// <summary>
    /// Queues the alert and completes once the push loop has handed it to its SignalR groups and
    /// Blazor subscribers, or fails if it could not: what a store's outbox waits for before it
    /// forgets the push.
    /// </summary>
    public Task EnqueueAndWaitAsync(Alert alert, bool isNew, CancellationToken cancellationToken)
    {
        var handed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_channel.Writer.TryWrite(new QueuedAlert(alert, isNew, handed)))
            throw new InvalidOperationException("The alert push queue is closed.");
        return handed.Task.WaitAsync(cancellationToken);
    }

    public IAsyncEnumerable<QueuedAlert> ReadAllAsync(CancellationToken cancellationToken) =>
        _channel.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>An alert to push; <paramref name="Handed"/> is completed once it was handed on (when someone waits for that).</summary>
public sealed record QueuedAlert(Alert Alert, bool IsNew, TaskCompletionSource? Handed)
{
    public void Deconstruct(out Alert alert, out bool isNew)
    {
        alert = Alert;
        isNew = IsNew;
    }
}
