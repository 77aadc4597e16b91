using System.Threading.Channels;
using DrugTrace.Application.Alerts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// The connections of <see cref="AlertsHub"/> on this instance, each with a queue of its own and one
/// send at a time, so that a listener that stops reading (its socket full) delays nobody else and its
/// pushes stay in order. A listener whose queue holds <see cref="QueueLimit"/> unsent pushes is not
/// keeping up: what would not fit is dropped, never silently: once it has taken what was queued it is
/// sent <see cref="AlertsMissed"/>, which says which alerts to fetch, and then live pushes again.
/// </summary>
public sealed class AlertListeners(IHubContext<AlertsHub, IAlertsClient> hub, IOptions<JsonHubProtocolOptions> protocol, ILogger<AlertListeners> logger)
{
    /// <summary>Unsent pushes a listener may have before it is told to catch up instead.</summary>
    public const int QueueLimit = 1_000;

    private readonly Lock _gate = new();
    private Listener[] _listeners = [];

    public int Count => _listeners.Length;

    /// <summary>A connection joined; <paramref name="audience"/> is its one audience (<see cref="AlertsHub.GroupOf"/>).</summary>
    public void Connect(string connectionId, string audience)
    {
        var listener = new Listener(connectionId, audience, hub.Clients.Client(connectionId), logger);
        lock (_gate) _listeners = [.. _listeners, listener];
    }

    public void Disconnect(string connectionId)
    {
        Listener? gone;
        lock (_gate)
        {
            gone = Array.Find(_listeners, l => l.ConnectionId == connectionId);
            if (gone is null) return;
            _listeners = [.. _listeners.Where(l => !ReferenceEquals(l, gone))];
        }
        gone.Close();
    }

    /// <summary>
    /// Queues the push for every listener in <paramref name="fullAudiences"/> (the alert with its notes) and,
    /// when <paramref name="scannerAudience"/> is given, for those in it (<paramref name="withoutNotes"/>); returns at once.
    /// </summary>
    public void Push(AlertDto full, AlertDto withoutNotes, bool isNew, IReadOnlyList<string> fullAudiences, string? scannerAudience)
    {
        // Each form is serialised once for all its listeners, and only when some listener takes it.
        var options = protocol.Value.PayloadSerializerOptions;
        Queued? fullPush = null, scannerPush = null;
        foreach (var listener in _listeners)
        {
            if (fullAudiences.Contains(listener.Audience)) listener.Enqueue(fullPush ??= new Queued(PushedAlert.From(full, options), isNew));
            else if (listener.Audience == scannerAudience) listener.Enqueue(scannerPush ??= new Queued(PushedAlert.From(withoutNotes, options), isNew));
        }
    }

    private readonly record struct Queued(PushedAlert Push, bool IsNew);

    private sealed class Listener
    {
        private readonly Channel<Queued> _queue = Channel.CreateBounded<Queued>(
            new BoundedChannelOptions(QueueLimit) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        private readonly Lock _gate = new();
        private readonly IAlertsClient _client;
        private readonly ILogger _logger;
        private long _missedFrom = long.MaxValue;
        private long _missedThrough = long.MinValue;

        public Listener(string connectionId, string audience, IAlertsClient client, ILogger logger)
        {
            ConnectionId = connectionId;
            Audience = audience;
            _client = client;
            _logger = logger;
            _ = Task.Run(PumpAsync);
        }

        public string ConnectionId { get; }

        public string Audience { get; }

        private bool Missing => _missedFrom != long.MaxValue;

        /// <summary>Queues the push or, when the queue is full or pushes were already dropped, counts it as missed.</summary>
        public void Enqueue(Queued push)
        {
            lock (_gate)
            {
                // While pushes are missing nothing new is queued: the notice must come before any later live push.
                if (!Missing && _queue.Writer.TryWrite(push)) return;
                _missedFrom = Math.Min(_missedFrom, push.Push.Alert.Id);
                _missedThrough = Math.Max(_missedThrough, push.Push.Alert.Id);
            }
        }

        public void Close() => _queue.Writer.TryComplete();

        private async Task PumpAsync()
        {
            try
            {
                while (await _queue.Reader.WaitToReadAsync())
                {
                    while (_queue.Reader.TryRead(out var push))
                        await (push.IsNew ? _client.alertRaised(push.Push) : _client.alertUpdated(push.Push));
                    if (TakeMissed() is { } missed) await _client.alertsMissed(missed);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A send fails only when the connection is gone; its disconnect removes it.
                _logger.LogDebug(ex, "Pushing to alert listener {Connection} failed; it is no longer pushed to", ConnectionId);
            }
        }

        // The queue is empty here unless pushes were queued since (then there is nothing missing yet).
        private AlertsMissed? TakeMissed()
        {
            lock (_gate)
            {
                if (!Missing || _queue.Reader.Count > 0) return null;
                var missed = new AlertsMissed(_missedFrom - 1, _missedThrough);
                _missedFrom = long.MaxValue;
                _missedThrough = long.MinValue;
                return missed;
            }
        }
    }
}
