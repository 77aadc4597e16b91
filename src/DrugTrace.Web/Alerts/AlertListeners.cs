using DrugTrace.Application.Alerts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// The connections of <see cref="AlertsHub"/> on this instance. A push to a listener whose last send has
/// completed is written at once, on the fan-out's thread (into the connection's output pipe, which the
/// transport sends from): no queue and no wake-up of a loop per listener, a thread-pool hop per delivery
/// (at a thousand listeners, dropping it took about a quarter off the median). A listener whose send has not completed (it stopped reading, its
/// socket is full) gets later pushes queued behind it, sent one at a time in order, so it delays nobody
/// else. One whose queue holds <see cref="QueueLimit"/> unsent pushes is not keeping up: what would not
/// fit is dropped, never silently: once it has taken what was queued it is sent <see cref="AlertsMissed"/>,
/// which says which alerts to fetch, and then live pushes again.
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
    /// Pushes to every listener in <paramref name="fullAudiences"/> (the alert with its notes) and, when
    /// <paramref name="scannerAudience"/> is given, to those in it (<paramref name="withoutNotes"/>). Called by one
    /// loop at a time (<see cref="AlertFanout"/>); never waits for a listener.
    /// </summary>
    public void Push(AlertDto full, AlertDto withoutNotes, bool isNew, IReadOnlyList<string> fullAudiences, string? scannerAudience)
    {
        // Each form is serialised once for all its listeners, and only when some listener takes it.
        var options = protocol.Value.PayloadSerializerOptions;
        Queued? fullPush = null, scannerPush = null;
        foreach (var listener in _listeners)
        {
            if (fullAudiences.Contains(listener.Audience)) listener.Push(fullPush ??= new Queued(PushedAlert.From(full, options), isNew));
            else if (listener.Audience == scannerAudience) listener.Push(scannerPush ??= new Queued(PushedAlert.From(withoutNotes, options), isNew));
        }
    }

    private readonly record struct Queued(PushedAlert Push, bool IsNew);

    private sealed class Listener(string connectionId, string audience, IAlertsClient client, ILogger logger)
    {
        private readonly Lock _gate = new();
        // Pushes waiting for the send in flight; empty whenever nothing is in flight.
        private readonly Queue<Queued> _waiting = new();
        private bool _sending;
        private bool _closed;
        private long _missedFrom = long.MaxValue;
        private long _missedThrough = long.MinValue;

        public string ConnectionId { get; } = connectionId;

        public string Audience { get; } = audience;

        private bool Missing => _missedFrom != long.MaxValue;

        /// <summary>Sends the push now when nothing is in flight; else queues it, or counts it as missed when the queue is full.</summary>
        public void Push(Queued push)
        {
            lock (_gate)
            {
                if (_closed) return;
                if (_sending)
                {
                    // While pushes are missing nothing new is queued: the notice must come before any later live push.
                    if (!Missing && _waiting.Count < QueueLimit) _waiting.Enqueue(push);
                    else
                    {
                        _missedFrom = Math.Min(_missedFrom, push.Push.Alert.Id);
                        _missedThrough = Math.Max(_missedThrough, push.Push.Alert.Id);
                    }
                    return;
                }
                _sending = true;
            }
            var send = Send(push);
            // Nothing can have been queued meanwhile: the one fan-out loop is the caller, and it was sending.
            if (send.IsCompletedSuccessfully) lock (_gate) _sending = false;
            else _ = DrainAsync(send);
        }

        public void Close()
        {
            lock (_gate)
            {
                _closed = true;
                _waiting.Clear();
            }
        }

        private Task Send(Queued push)
        {
            try
            {
                return push.IsNew ? client.alertRaised(push.Push) : client.alertUpdated(push.Push);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return Task.FromException(ex);
            }
        }

        // After a send that did not complete at once: the queued pushes, in order, then the notice of what was dropped.
        private async Task DrainAsync(Task send)
        {
            try
            {
                while (true)
                {
                    await send;
                    Queued? next = null;
                    AlertsMissed? missed = null;
                    lock (_gate)
                    {
                        if (_waiting.TryDequeue(out var queued)) next = queued;
                        else if (!_closed && Missing)
                        {
                            missed = new AlertsMissed(_missedFrom - 1, _missedThrough);
                            _missedFrom = long.MaxValue;
                            _missedThrough = long.MinValue;
                        }
                        else
                        {
                            _sending = false;
                            return;
                        }
                    }
                    // Sent outside the lock, so the fan-out queueing behind this listener never waits on the send.
                    send = next is { } push ? Send(push) : client.alertsMissed(missed!);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A send fails only when the connection is gone; its disconnect removes it.
                Close();
                logger.LogDebug(ex, "Pushing to alert listener {Connection} failed; it is no longer pushed to", ConnectionId);
            }
        }
    }
}
