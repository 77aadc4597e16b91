using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// Alerts for the Blazor components of this instance: a component subscribes as its party and
/// is called only with alerts that party may see. A subscriber that throws is dropped, not
/// retried, so one broken page cannot stop the feed of the others.
/// </summary>
public sealed class AlertBroadcaster(ILogger<AlertBroadcaster> logger)
{
    private readonly Lock _gate = new();
    private ImmutableSubscribers _subscribers = ImmutableSubscribers.Empty;

    /// <summary>Subscribes; dispose the result to stop.</summary>
    public IDisposable Subscribe(Party party, Func<AlertDto, bool, Task> onAlert)
    {
        var subscriber = new Subscriber(party, onAlert);
        lock (_gate) _subscribers = _subscribers.Add(subscriber);
        return new Unsubscriber(() => { lock (_gate) _subscribers = _subscribers.Remove(subscriber); });
    }

    public int Count => _subscribers.Items.Length;

    /// <summary>Calls every subscriber that may see the alert; <paramref name="isNew"/> tells a new alert from an update.</summary>
    public async Task PublishAsync(Alert alert, bool isNew)
    {
        var dto = AlertDto.From(alert);
        foreach (var subscriber in _subscribers.Items)
        {
            if (!AlertVisibility.CanSee(subscriber.Party, alert)) continue;
            try
            {
                await subscriber.OnAlert(dto, isNew);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "An alert subscriber of {Party} failed and was dropped", subscriber.Party.Gln);
                lock (_gate) _subscribers = _subscribers.Remove(subscriber);
            }
        }
    }

    private sealed record Subscriber(Party Party, Func<AlertDto, bool, Task> OnAlert);

    private sealed record ImmutableSubscribers(Subscriber[] Items)
    {
        public static readonly ImmutableSubscribers Empty = new([]);

        public ImmutableSubscribers Add(Subscriber s) => new([.. Items, s]);

        public ImmutableSubscribers Remove(Subscriber s) => new([.. Items.Where(x => !ReferenceEquals(x, s))]);
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
