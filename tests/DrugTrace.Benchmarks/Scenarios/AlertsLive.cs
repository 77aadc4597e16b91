using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Microsoft.AspNetCore.SignalR.Client;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>
/// Scan -> alert received by connected SignalR listeners, end to end, on the real app; and the
/// cost of the rule engine per verification.
/// </summary>
public static class AlertsLive
{
    public const int Clients = 8;
    public const int Listeners = 50;
    private const string Regulator = "demo-regulator-nmva";

    public static async Task<ScenarioResult> RunAsync(Scale scale, WebAppProcess app, ApiClient api, string gtin, double? verifyRate)
    {
        var scans = scale.Of(10_000);
        var sentAt = new ConcurrentDictionary<string, long>();
        var latencies = new LatencyRecorder(scans);
        var received = new int[Listeners];
        var duplicates = 0;
        var seen = Enumerable.Range(0, Listeners).Select(_ => new ConcurrentDictionary<long, byte>()).ToArray();
        var connections = new List<HubConnection>();
        var stormPushes = new ConcurrentQueue<string>();
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resyncs = 0;
        // Listener 0 times every alert (pushed or fetched after an alertsMissed notice); all of them count what they got, once each.
        void Arrived(int listener, long id, string? serial, long now, bool pushed)
        {
            if (!seen[listener].TryAdd(id, 0))
            {
                if (pushed) Interlocked.Increment(ref duplicates);
                return;
            }
            if (listener == 0 && serial is not null && sentAt.TryGetValue(serial, out var start)) latencies.Add(now - start);
            if (Interlocked.Increment(ref received[listener]) == scans && received.All(r => r >= scans)) allIn.TrySetResult();
        }
        for (var i = 0; i < Listeners; i++)
        {
            var listener = i;
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(app.BaseAddress, "/hubs/alerts"), o => o.Headers["X-Api-Key"] = Regulator)
                .Build();
            if (listener == 0)
                connection.On<JsonElement>("alertUpdated", alert => stormPushes.Enqueue(alert.GetProperty("scannedSerial").GetString()!));
            connection.On<JsonElement>("alertRaised", alert =>
            {
                var now = Stopwatch.GetTimestamp();
                if (listener == 0) stormPushes.Enqueue(alert.GetProperty("scannedSerial").GetString()!);
                Arrived(listener, alert.GetProperty("id").GetInt64(), alert.GetProperty("scannedSerial").GetString()!, now, pushed: true);
            });
            // Told it fell behind (its queue of unsent pushes was full), a listener fetches what it missed, as a real client would.
            connection.On<AlertsMissedNotice>("alertsMissed", async missed =>
            {
                Interlocked.Increment(ref resyncs);
                await AlertListenerSet.FetchMissedAsync(api, Regulator, missed,
                    alert => Arrived(listener, alert.Id, alert.ScannedSerial, Stopwatch.GetTimestamp(), pushed: false));
            });
            await connection.StartAsync();
            connections.Add(connection);
        }

        // Every scan is a fresh unknown serial of a registered product: one new UnknownSerial alert each.
        var bodies = Enumerable.Range(0, scans)
            .Select(i => (Serial: $"FAKE{i:D10}", Body: ApiClient.ScanBody($"(01){gtin}(21)FAKE{i:D10}", "verify")))
            .ToArray();
        var next = -1;
        var notAlert = 0;
        var elapsed = await Measure.TimeAsync(() => Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < scans; i = Interlocked.Increment(ref next))
            {
                sentAt[bodies[i].Serial] = Stopwatch.GetTimestamp();
                var (_, ok) = await api.ScanAsync(ApiClient.Pharmacy, bodies[i].Body);
                if (ok) Interlocked.Increment(ref notAlert);
            }
        }))));
        await Task.WhenAny(allIn.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        var slowest = received.Min();
        var lost = received.Sum(r => Math.Max(0, scans - r));

        // An alert storm: one bad pack scanned over and over must stay one alert with a count.
        var storm = scans;
        var stormBody = ApiClient.ScanBody($"(01){gtin}(21)STORM0000001", "verify");
        var stormNext = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref stormNext) < storm) await api.ScanAsync(ApiClient.Pharmacy, stormBody);
        })));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var stormAlerts = await api.GetAsync<JsonElement>($"/api/v1/alerts?gtin={gtin}&kind=UnknownSerial&take=1000", Regulator);
        var stormCount = stormAlerts.EnumerateArray().Where(a => a.GetProperty("scannedSerial").GetString() == "STORM0000001")
            .Select(a => a.GetProperty("count").GetInt32()).ToList();
        var stormPushCount = stormPushes.Count(s => s == "STORM0000001");
        foreach (var connection in connections) await connection.DisposeAsync();

        var stats = latencies.Summarize();
        var rules = RuleCost();
        var perVerify = verifyRate is { } rate ? 1_000_000.0 / rate : double.NaN;
        var share = rules.MicrosecondsPerVerify / perVerify * 100;
        var figures = new List<Figure>
        {
            new("scan -> alert at a listener, p50", "≤ 10 ms", Measure.Ms(stats.P50), stats.P50 <= 10),
            new("scan -> alert at a listener, p99", "≤ 50 ms", $"{Measure.Ms(stats.P99)} ({stats})", stats.P99 <= 50),
            new("alerts lost", "0 of " + Measure.N(scans * (long)Listeners),
                $"{Measure.N(lost)} lost, {duplicates} duplicated; slowest listener got {Measure.N(slowest)} of {Measure.N(scans)}; {resyncs} alertsMissed notices",
                lost == 0 && duplicates == 0, IsCorrectness: true),
            new("alert storm: one bad pack scanned " + Measure.N(storm) + " times", "one alert with that count, a handful of pushes",
                $"{stormCount.Count} alert(s), count {string.Join(", ", stormCount)}, {stormPushCount} pushes to a listener",
                stormCount is [var c] && c == storm && stormPushCount <= 6, IsCorrectness: true),
            new("alert-raising scans", "reference", $"{Measure.N(Measure.Rate(scans, elapsed))} /s ({notAlert} not answered as alerts)", null),
            new("rule engine share of a verification", "≤ 10 %",
                double.IsNaN(share) ? $"{rules.MicrosecondsPerVerify:0.00} µs per verify (scenario 4 not run)"
                    : $"{share:0.00} % ({rules.MicrosecondsPerVerify:0.00} µs of {perVerify:0} µs per verification)",
                double.IsNaN(share) ? null : share <= 10),
        };
        var method = $"""
            The real app runs as a child process (as in scenario 4, `Synchronous=FULL`). {Listeners} SignalR clients
            (Microsoft.AspNetCore.SignalR.Client, WebSockets, regulator API key) connect to `/hubs/alerts`; then
            {Clients} concurrent HTTP loops send {Measure.N(scans)} `verify` scans, each of a different never-commissioned
            serial of a registered product, so each raises a new UnknownSerial alert that is stored, committed and
            pushed to every listener. Latency is from just before the scan's HTTP request is sent to the moment
            listener 0's handler runs for that alert; every listener counts what it receives (by alert id, so a
            duplicate would show). Client, listeners and app share the machine's {Environment.ProcessorCount} cores.
            The rule engine cannot be switched off in the app (there is no such mode), so its cost is measured
            directly: {Measure.N(rules.Iterations)} in-process evaluations of every authenticity and state rule on a
            genuine pack (what each verification runs), compared with the time per verification measured in scenario 4.
            """;
        return new ScenarioResult("7. Live alerts over SignalR", figures, method);
    }

    private static (double MicrosecondsPerVerify, int Iterations) RuleCost()
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var pack = new PackState
        {
            Gtin = "04012345000115", Serial = "ABCDEFGH2345", Lot = "L1", Expiry = new DateOnly(2029, 1, 31),
            Status = PackStatus.Active, Custodian = "4012347000014", ChangedBy = "4012347000014", ChangedAt = now,
            Head = new ChainHead(3, Hash256.Zero),
        };
        var facts = new ScanFacts
        {
            Action = PackAction.Verify,
            Actor = new Party("4012347000014", "Linden-Apotheke", PartyRole.Pharmacy),
            Now = now,
            Scanned = new PackIdentity(Gtin.Parse(pack.Gtin), pack.Serial, pack.Lot, pack.Expiry),
            ProductName = "Amoxicillin",
            Pack = pack,
            Lot = new LotState(pack.Gtin, pack.Lot, pack.Expiry, "4012345000016", new ChainHead(0, Hash256.Zero)),
        };
        const int iterations = 1_000_000;
        var findings = 0;
        for (var i = 0; i < 10_000; i++) findings += AlertRules.CheckAuthenticity(facts).Count + AlertRules.CheckState(facts).Count;
        var elapsed = Measure.Time(() =>
        {
            for (var i = 0; i < iterations; i++) findings += AlertRules.CheckAuthenticity(facts).Count + AlertRules.CheckState(facts).Count;
        });
        if (findings != 0) throw new InvalidOperationException("A genuine pack raised findings in the rule-cost loop.");
        return (elapsed.TotalMicroseconds / iterations, iterations);
    }
}
