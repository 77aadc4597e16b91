using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>
/// Issue 17's live-alert target: 1,000 connected SignalR listeners and 10,000 alert-raising scans,
/// every delivery timed at every listener (not only at one), none lost, none twice.
/// </summary>
public static class AlertsAtScale
{
    public const int Listeners = 1_000;
    private const string Regulator = "demo-regulator-nmva";

    public static async Task<ScenarioResult> RunAsync(Scale scale, WebAppProcess app, ApiClient api, string gtin)
    {
        var scans = scale.Of(10_000);
        var listeners = scale.Quick ? 50 : Listeners;
        // As fast as the scans are answered: what the app delivers when it is the bottleneck (latency is then queueing).
        var flat = await RunPhaseAsync(app, api, gtin, listeners, scans, "MANY", rate: null);
        // Then at half the delivery rate just measured: the latency of a busy app that keeps up.
        var rate = Math.Max(1, flat.DeliveriesPerSecond / listeners / 2);
        var paced = await RunPhaseAsync(app, api, gtin, listeners, scans, "PACE", rate);

        var deliveries = (long)scans * listeners;
        var figures = new List<Figure>
        {
            new($"scan -> alert at each of {Measure.N(listeners)} listeners, p99, scans as fast as answered", "≤ 20 ms",
                $"{Measure.Ms(flat.Stats.P99)} ({flat.Stats}; {Measure.N(flat.Timed)} deliveries timed)", flat.Stats.P99 <= 20),
            new($"scan -> alert at each of {Measure.N(listeners)} listeners, p99, {Measure.N(rate)} scans/s (half the delivery rate above)", "≤ 20 ms",
                $"{Measure.Ms(paced.Stats.P99)} ({paced.Stats}; {Measure.N(paced.Timed)} deliveries timed)", paced.Stats.P99 <= 20),
            new("alerts lost or duplicated", $"0 of {Measure.N(2 * deliveries)}", $"as fast as answered: {flat.Losses}; paced: {paced.Losses}",
                flat.Clean && paced.Clean, IsCorrectness: true),
            new("alert-raising scans, as fast as answered", "(reference)",
                $"{Measure.N(Measure.Rate(scans, flat.Elapsed))} /s over {AlertsLive.Clients} connections ({flat.NotAlert} not answered as alerts); the last alert arrived (or the wait gave up) {Measure.Seconds(flat.Drained)} after the last answer", null),
            new("deliveries to listeners, as fast as answered", "(reference)", $"{Measure.N(flat.DeliveriesPerSecond)} /s; {Measure.N(listeners)} listeners connected in {Measure.Seconds(flat.ConnectTime)}", null),
        };
        var method = $"""
            The real app as a child process (as in scenario 7, `Synchronous=FULL`, a database of its own). {Measure.N(listeners)}
            SignalR clients (Microsoft.AspNetCore.SignalR.Client, WebSockets, regulator API key, all in the benchmark
            process) connect to `/hubs/alerts`; then {AlertsLive.Clients} HTTP loops send {Measure.N(scans)} `verify` scans as fast as
            they are answered (then, with {Measure.N(listeners)} new listeners, {Measure.N(scans)} more, each sent at its time on a
            schedule of {Measure.N(rate)} scans/s, half the delivery rate of the first run), each of a different never-commissioned serial, so each raises a new UnknownSerial alert that is
            stored, committed and pushed to every listener. Unlike scenario 7 every delivery is timed, at every listener: from
            just before the scan's request is sent to that listener's handler running for the alert. Each listener counts
            alerts by id (a second push of one is a duplicate) and binds only the alert's id and serial. A listener the app
            tells that it fell behind (`alertsMissed`: its queue of unsent pushes was full, so later ones were dropped)
            fetches what it missed with `GET /api/v1/alerts?since=` as a real client would; those alerts count as arrived,
            timed when fetched, and the notices and fetched alerts are reported. The run waits while alerts still arrive and
            counts as lost only what had not arrived after 60 s without any. The app, the
            {Measure.N(listeners)} listeners and the scanning loops share the machine's {Environment.ProcessorCount} cores, so the
            listeners' own work (a WebSocket frame and a JSON parse per delivery) competes with the app's.
            """;
        return new ScenarioResult("16. Live alerts at 1,000 listeners", figures, method);
    }

    private sealed record Phase(LatencySummary Stats, long Timed, string Losses, bool Clean, TimeSpan Elapsed, TimeSpan Drained, int NotAlert,
        double DeliveriesPerSecond, TimeSpan ConnectTime);

    private static async Task<Phase> RunPhaseAsync(WebAppProcess app, ApiClient api, string gtin, int listeners, int scans, string prefix, double? rate)
    {
        var sentAt = new ConcurrentDictionary<string, long>(Environment.ProcessorCount, scans, StringComparer.Ordinal);
        var connect = Stopwatch.StartNew();
        await using var listening = await AlertListenerSet.ConnectAsync(app.BaseAddress, api, Regulator, listeners, scans, sentAt);
        var connectTime = connect.Elapsed;

        // Every scan is a fresh unknown serial of a registered product: one new UnknownSerial alert each, as in scenario 7.
        var bodies = Enumerable.Range(0, scans)
            .Select(i => (Serial: $"{prefix}{i:D10}", Body: ApiClient.ScanBody($"(01){gtin}(21){prefix}{i:D10}", "verify")))
            .ToArray();
        var next = -1;
        var notAlert = 0;
        var start = Stopwatch.GetTimestamp();
        var elapsed = await Measure.TimeAsync(() => Task.WhenAll(Enumerable.Range(0, AlertsLive.Clients).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < scans; i = Interlocked.Increment(ref next))
            {
                // Paced: scan i is due i / rate seconds after the start; the loop that takes it waits for its time.
                if (rate is { } r && TimeSpan.FromSeconds(i / r) - Stopwatch.GetElapsedTime(start) is { Ticks: > 0 } wait) await Task.Delay(wait);
                sentAt[bodies[i].Serial] = Stopwatch.GetTimestamp();
                var (_, ok) = await api.ScanAsync(ApiClient.Pharmacy, bodies[i].Body);
                if (ok) Interlocked.Increment(ref notAlert);
            }
        }))));
        // Late is not lost: the run waits while alerts still arrive, and counts as lost only what had not after a minute without any.
        var drained = await listening.DrainAsync(TimeSpan.FromSeconds(60));
        var (lost, duplicates, unknown, closed) = (listening.Lost, listening.Duplicates, listening.Unknown, listening.Closed);
        var losses = $"{Measure.N(lost)} lost, {duplicates} duplicated, {unknown} not sent by this run; slowest listener got {Measure.N(listening.Slowest)} of {Measure.N(scans)}; "
            + $"{closed} connections closed; {Measure.N(listening.Resyncs)} alertsMissed notices, {Measure.N(listening.Fetched)} alerts fetched after one";
        return new Phase(listening.Latencies.Summarize(), listening.Latencies.Count, losses, lost == 0 && duplicates == 0 && unknown == 0, elapsed, drained,
            notAlert, listening.Total / (elapsed + drained).TotalSeconds, connectTime);
    }
}
