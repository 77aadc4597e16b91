using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace DrugTrace.Benchmarks;

/// <summary>The two fields of a pushed or fetched alert a listener looks at (the rest of the JSON is skipped, not bound).</summary>
public sealed record AlertSeen(long Id, string? ScannedSerial);

/// <summary>The app's <c>alertsMissed</c> notice: pushes of alerts after <paramref name="Since"/>, up to <paramref name="Through"/>, were dropped.</summary>
public sealed record AlertsMissedNotice(long Since, long Through);

/// <summary>
/// SignalR listeners of <c>/hubs/alerts</c> (WebSockets, one key), each counting every alert once by id, as a
/// real client would: what is pushed to it, and, when the app tells it that it fell behind (<c>alertsMissed</c>),
/// what it then fetches with <c>GET /api/v1/alerts?since=</c>. An alert counts where it first arrived, pushed or
/// fetched; only a second push of one is a duplicate. Every arrival is timed from the scan's send time.
/// </summary>
public sealed class AlertListenerSet : IAsyncDisposable
{
    private const int FetchPage = 1_000;
    private readonly List<HubConnection> _connections = [];
    private readonly HashSet<long>[] _seen;
    private readonly int[] _received;
    private readonly ConcurrentDictionary<string, long> _sentAt;
    private readonly int _expected;
    private readonly TaskCompletionSource _allIn = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _complete;
    private long _duplicates;
    private long _unknown;
    private long _resyncs;
    private long _fetched;
    private long _closed;

    private AlertListenerSet(int listeners, int expected, ConcurrentDictionary<string, long> sentAt, LatencyRecorder latencies)
    {
        _seen = [.. Enumerable.Range(0, listeners).Select(_ => new HashSet<long>(expected))];
        _received = new int[listeners];
        _expected = expected;
        _sentAt = sentAt;
        Latencies = latencies;
    }

    public LatencyRecorder Latencies { get; }

    public int Listeners => _received.Length;

    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Arrivals of an alert this run did not send (its serial not among the scans).</summary>
    public long Unknown => Interlocked.Read(ref _unknown);

    /// <summary>alertsMissed notices received, over all listeners.</summary>
    public long Resyncs => Interlocked.Read(ref _resyncs);

    /// <summary>Alerts that first arrived by a fetch after an alertsMissed notice, over all listeners.</summary>
    public long Fetched => Interlocked.Read(ref _fetched);

    /// <summary>Connections the app or the transport closed during the run.</summary>
    public long Closed => Interlocked.Read(ref _closed);

    public int Slowest => _received.Min(r => Volatile.Read(ref r));

    public long Total => _received.Sum(r => (long)Volatile.Read(ref r));

    public long Lost => _received.Sum(r => Math.Max(0L, _expected - (long)r));

    public static async Task<AlertListenerSet> ConnectAsync(Uri app, ApiClient api, string apiKey, int listeners, int expected,
        ConcurrentDictionary<string, long> sentAt)
    {
        var set = new AlertListenerSet(listeners, expected, sentAt, new LatencyRecorder(checked(listeners * expected)));
        for (var i = 0; i < listeners; i++)
        {
            var listener = i;
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(app, "/hubs/alerts"), o => o.Headers["X-Api-Key"] = apiKey)
                .Build();
            // A connection runs its handlers one at a time, in order: a fetch holds back the pushes after the notice.
            connection.On<AlertSeen>("alertRaised", alert => set.Arrived(listener, alert, pushed: true));
            connection.On<AlertsMissedNotice>("alertsMissed", missed => set.CatchUpAsync(listener, missed, api, apiKey));
            connection.Closed += _ =>
            {
                Interlocked.Increment(ref set._closed);
                return Task.CompletedTask;
            };
            await connection.StartAsync();
            set._connections.Add(connection);
        }
        return set;
    }

    /// <summary>
    /// Waits until every listener has every alert, or until nothing more arrived for <paramref name="stall"/>
    /// (what is missing then counts as lost): a slow delivery is measured, not cut off at a fixed time.
    /// </summary>
    public async Task<TimeSpan> DrainAsync(TimeSpan stall)
    {
        var drain = Stopwatch.StartNew();
        var last = -1L;
        var lastChange = Stopwatch.StartNew();
        while (!_allIn.Task.IsCompleted && lastChange.Elapsed < stall)
        {
            await Task.WhenAny(_allIn.Task, Task.Delay(TimeSpan.FromSeconds(1)));
            var total = Total;
            if (total != last)
            {
                last = total;
                lastChange.Restart();
            }
        }
        return drain.Elapsed;
    }

    private void Arrived(int listener, AlertSeen alert, bool pushed)
    {
        var now = Stopwatch.GetTimestamp();
        if (!_seen[listener].Add(alert.Id))
        {
            if (pushed) Interlocked.Increment(ref _duplicates);
            return;
        }
        if (alert.ScannedSerial is { } serial && _sentAt.TryGetValue(serial, out var start)) Latencies.Add(now - start);
        else Interlocked.Increment(ref _unknown);
        if (!pushed) Interlocked.Increment(ref _fetched);
        if (Interlocked.Increment(ref _received[listener]) == _expected && Interlocked.Increment(ref _complete) == _received.Length)
            _allIn.TrySetResult();
    }

    private async Task CatchUpAsync(int listener, AlertsMissedNotice missed, ApiClient api, string apiKey)
    {
        Interlocked.Increment(ref _resyncs);
        await FetchMissedAsync(api, apiKey, missed, alert => Arrived(listener, alert, pushed: false));
    }

    /// <summary>What a client told <c>alertsMissed</c> does: fetches the alerts after <c>Since</c>, a page at a time, until past <c>Through</c>.</summary>
    public static async Task FetchMissedAsync(ApiClient api, string apiKey, AlertsMissedNotice missed, Action<AlertSeen> arrived)
    {
        for (var since = missed.Since; since < missed.Through;)
        {
            var page = await api.GetAsync<List<AlertSeen>>($"/api/v1/alerts?since={since}&take={FetchPage}", apiKey);
            if (page.Count == 0) break;
            foreach (var alert in page) arrived(alert);
            since = page[^1].Id;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }
}
