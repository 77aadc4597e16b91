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
        var sentAt = new ConcurrentDictionary<string, long>(Environment.ProcessorCount, scans, StringComparer.Ordinal);
        var connect = Stopwatch.StartNew();
        await using var listening = await AlertListenerSet.ConnectAsync(app.BaseAddress, api, Regulator, listeners, scans, sentAt);
        var connectTime = connect.Elapsed;

        // Every scan is a fresh unknown serial of a registered product: one new UnknownSerial alert each, as in scenario 7.
        var bodies = Enumerable.Range(0, scans)
            .Select(i => (Serial: $"MANY{i:D10}", Body: ApiClient.ScanBody($"(01){gtin}(21)MANY{i:D10}", "verify")))
            .ToArray();
        var next = -1;
        var notAlert = 0;
        var elapsed = await Measure.TimeAsync(() => Task.WhenAll(Enumerable.Range(0, AlertsLive.Clients).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < scans; i = Interlocked.Increment(ref next))
            {
                sentAt[bodies[i].Serial] = Stopwatch.GetTimestamp();
                var (_, ok) = await api.ScanAsync(ApiClient.Pharmacy, bodies[i].Body);
                if (ok) Interlocked.Increment(ref notAlert);
            }
        }))));
        // Late is not lost: the run waits while alerts still arrive, and counts as lost only what had not after a minute without any.
        var drained = await listening.DrainAsync(TimeSpan.FromSeconds(60));
        var slowest = listening.Slowest;
        var lost = listening.Lost;
        var (duplicates, unknown, closed) = (listening.Duplicates, listening.Unknown, listening.Closed);
        var latencies = listening.Latencies;
        var stats = latencies.Summarize();

        var deliveries = (long)scans * listeners;
        var figures = new List<Figure>
        {
            new($"scan -> alert at each of {Measure.N(listeners)} listeners, p99", "≤ 20 ms", $"{Measure.Ms(stats.P99)} ({stats}; {Measure.N(latencies.Count)} deliveries timed)", stats.P99 <= 20),
            new("alerts lost or duplicated", $"0 of {Measure.N(deliveries)}",
                $"{Measure.N(lost)} lost, {duplicates} duplicated, {unknown} not sent by this run; slowest listener got {Measure.N(slowest)} of {Measure.N(scans)}; "
                + $"{closed} connections closed; {Measure.N(listening.Resyncs)} alertsMissed notices, {Measure.N(listening.Fetched)} alerts fetched after one",
                lost == 0 && duplicates == 0 && unknown == 0, IsCorrectness: true),
            new("alert-raising scans", "(reference)",
                $"{Measure.N(Measure.Rate(scans, elapsed))} /s over {AlertsLive.Clients} connections ({notAlert} not answered as alerts); the last alert arrived (or the wait gave up) {Measure.Seconds(drained)} after the last answer", null),
            new("deliveries to listeners", "(reference)", $"{Measure.N(listening.Total / (elapsed + drained).TotalSeconds)} /s; {Measure.N(listeners)} listeners connected in {Measure.Seconds(connectTime)}", null),
        };
        var method = $"""
            The real app as a child process (as in scenario 7, `Synchronous=FULL`, a database of its own). {Measure.N(listeners)}
            SignalR clients (Microsoft.AspNetCore.SignalR.Client, WebSockets, regulator API key, all in the benchmark
            process) connect to `/hubs/alerts`; then {AlertsLive.Clients} HTTP loops send {Measure.N(scans)} `verify` scans as fast as
            they are answered, each of a different never-commissioned serial, so each raises a new UnknownSerial alert that is
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
}
