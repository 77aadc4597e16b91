using System.Threading.Channels;
using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// Alerts for the Blazor components of this instance: a component subscribes as its party and
/// is called only with alerts that party may see, in order. Each subscriber has its own queue
/// and pump, so a slow or stuck page delays nobody else; one that throws is dropped.
/// </summary>
public sealed class AlertBroadcaster(ILogger<AlertBroadcaster> logger)
{
    /// <summary>A page that has not taken this many alerts is not reading: the oldest are dropped (it can catch up with since=).</summary>
    public const int QueueLimit = 10_000;

    private readonly ILogger<AlertBroadcaster> _logger = logger;
    private readonly Lock _gate = new();
    private Subscriber[] _subscribers = [];

    /// <summary>Subscribes; dispose the result to stop.</summary>
    public IDisposable Subscribe(Party party, Func<AlertDto, bool, Task> onAlert)
    {
        var subscriber = new Subscriber(party, onAlert, this);
        lock (_gate) _subscribers = [.. _subscribers, subscriber];
        return subscriber;
    }

    public int Count => _subscribers.Length;

    /// <summary>Queues the alert for every subscriber that may see it; returns at once.</summary>
    public Task PublishAsync(Alert alert, bool isNew)
    {
        var dto = AlertDto.From(alert);
        var withoutNotes = dto.WithoutNotes();
        foreach (var subscriber in _subscribers)
        {
            if (AlertVisibility.CanSee(subscriber.Party, alert))
                subscriber.Enqueue(AlertDto.ReadsNotes(subscriber.Party.Role, subscriber.Party.Gln, alert) ? dto : withoutNotes, isNew);
        }
        return Task.CompletedTask;
    }

    private void Remove(Subscriber subscriber)
    {
        lock (_gate) _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, subscriber))];
    }

    private sealed class Subscriber : IDisposable
    {
        private readonly Channel<(AlertDto Alert, bool IsNew)> _queue;

        private readonly Func<AlertDto, bool, Task> _onAlert;
        private readonly AlertBroadcaster _owner;

        public Subscriber(Party party, Func<AlertDto, bool, Task> onAlert, AlertBroadcaster owner)
        {
            Party = party;
            _onAlert = onAlert;
            _owner = owner;
            _queue = Channel.CreateBounded<(AlertDto, bool)>(
                new BoundedChannelOptions(QueueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
            _ = Task.Run(PumpAsync);
        }

        public Party Party { get; }

        // Fails only once the subscriber is gone, and then nobody waits for it any more.
        public void Enqueue(AlertDto alert, bool isNew) => _queue.Writer.TryWrite((alert, isNew));

        private async Task PumpAsync()
        {
            await foreach (var (alert, isNew) in _queue.Reader.ReadAllAsync())
            {
                try
                {
                    await _onAlert(alert, isNew);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    _owner._logger.LogWarning(ex, "An alert subscriber of {Party} failed and was dropped", Party.Gln);
                    Dispose();
                    return;
                }
            }
        }

        public void Dispose()
        {
            _owner.Remove(this);
            _queue.Writer.TryComplete();
        }
    }
}
