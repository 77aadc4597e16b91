namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>POST /api/v1/scans with action "verify" against the real app over HTTP.</summary>
public static class VerifyOverHttp
{
    public const int Clients = 8;

    private const string SampleBody = """{"code":"(01)…(17)…(10)…(21)…","action":"verify"}""";

    public static async Task<(ScenarioResult Result, double Rate)> RunAsync(Scale scale, WebAppProcess app, ApiClient api, string gtin)
    {
        var requests = scale.Of(100_000);
        var warmUp = Math.Max(200, scale.Of(2_000));
        var lotCount = scale.Of(2);
        var bodies = new List<byte[]>();
        var codes = new List<string>();
        for (var l = 0; l < lotCount; l++)
        {
            var lot = await api.PostAsync<LotResponse>("/api/v1/lots", ApiClient.Manufacturer,
                new { gtin, lot = $"V{l:D4}", expiry = "2030-12-31", quantity = 1_000 });
            codes.AddRange(lot.Serials.Select(s => ApiClient.Code(lot, s)));
        }
        // A pharmacy verifies packs in its own stock: one the ledger places elsewhere would be a suspected clone.
        await SendAllAsync(api, ApiClient.Manufacturer, codes.Select(c => ApiClient.ScanBody(c, "ship", ApiClient.PharmacyGln)));
        await SendAllAsync(api, ApiClient.Pharmacy, codes.Select(c => ApiClient.ScanBody(c, "receive")));
        bodies.AddRange(codes.Select(c => ApiClient.ScanBody(c, "verify")));

        await RunLoopsAsync(api, bodies, warmUp, null);
        var latencies = new LatencyRecorder(requests);
        var notOk = 0;
        var elapsed = await Measure.TimeAsync(async () => notOk = await RunLoopsAsync(api, bodies, requests, latencies));
        var rate = Measure.Rate(requests, elapsed);
        var stats = latencies.Summarize();

        var figures = new List<Figure>
        {
            new("verify latency p99", "≤ 10 ms", $"{Measure.Ms(stats.P99)} ({stats})", stats.P99 <= 10),
            new("verify rate", "≥ 5,000 /s", $"{Measure.N(rate)} /s ({Measure.N(requests)} in {Measure.Seconds(elapsed)})", rate >= 5_000),
            new("verdicts", "all ok", notOk == 0 ? "all ok" : $"{notOk} not ok", notOk == 0, IsCorrectness: true),
        };
        var method = $"""
            The real app (`DrugTrace.Web.dll` from this build, Release) runs as a **child process** on a free
            127.0.0.1 port: Kestrel, `ASPNETCORE_ENVIRONMENT=Production`, log level Warning, a new temporary data
            directory, `Storage:Sqlite:Synchronous=FULL`, demo parties loaded by the seed loader. The benchmark registers
            a product and {lotCount} lots of 1,000 packs through `POST /api/v1/products` and `POST /api/v1/lots`, ships
            them to the pharmacy and receives them there (untimed; a pharmacy verifies packs in its own stock), then
            sends {Measure.N(warmUp)} untimed warm-up verifications, then {Measure.N(requests)} `POST /api/v1/scans`
            `{SampleBody}` with the pharmacy's `X-Api-Key`, cycling over the
            {Measure.N(bodies.Count)} packs, from {Clients} concurrent loops on one `HttpClient` (HTTP/1.1 keep-alive,
            so {Clients} connections). Latency is per request, from before `SendAsync` to the end of reading the
            response body; the rate is requests over the wall-clock time of the timed phase. Every verification is
            recorded in the scan log (one SQLite write each, group-committed). Client and server share the machine's
            {Environment.ProcessorCount} cores. Peak working set of the app process after this scenario: {Measure.Mb(app.PeakWorkingSet)}.
            """;
        return (new ScenarioResult("4. Verify over HTTP", figures, method), rate);
    }

    private static async Task SendAllAsync(ApiClient api, string apiKey, IEnumerable<byte[]> scans)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<byte[]>(scans);
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var body))
            {
                if (!(await api.ScanAsync(apiKey, body)).Ok)
                    throw new InvalidOperationException("Setting up the verify benchmark: a handoff was refused.");
            }
        })));
    }

    private static async Task<int> RunLoopsAsync(ApiClient api, List<byte[]> bodies, int requests, LatencyRecorder? latencies)
    {
        var next = -1;
        var notOk = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
            {
                var (ticks, ok) = await api.ScanAsync(ApiClient.Pharmacy, bodies[i % bodies.Count]);
                latencies?.Add(ticks);
                if (!ok) Interlocked.Increment(ref notOk);
            }
        })));
        return notOk;
    }
}
