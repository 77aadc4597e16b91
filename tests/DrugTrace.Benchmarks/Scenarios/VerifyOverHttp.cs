using DrugTrace.Benchmarks.Ceiling;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>POST /api/v1/scans with action "verify" against the real app over HTTP, as a fraction of the ceiling.</summary>
public static class VerifyOverHttp
{
    private const string SampleBody = """{"code":"(01)…(17)…(10)…(21)…","action":"verify"}""";
    private const int Lots = 2;

    public static async Task<LoadResult> MeasureAsync(ApiClient api, string gtin, HttpCeiling ceiling, Uri app)
    {
        var codes = new List<string>();
        for (var l = 0; l < Lots; l++)
        {
            var lot = await api.PostAsync<LotResponse>("/api/v1/lots", ApiClient.Manufacturer,
                new { gtin, lot = $"V{l:D4}", expiry = "2030-12-31", quantity = 1_000 });
            codes.AddRange(lot.Serials.Select(s => ApiClient.Code(lot, s)));
        }
        // A pharmacy verifies packs in its own stock: one the ledger places elsewhere would be a suspected clone.
        await SendAllAsync(api, ApiClient.Manufacturer, codes.Select(c => ApiClient.ScanBody(c, "ship", ApiClient.PharmacyGln)));
        await SendAllAsync(api, ApiClient.Pharmacy, codes.Select(c => ApiClient.ScanBody(c, "receive")));
        var steps = codes.Select(c => new ScanStep(ApiClient.Pharmacy, ApiClient.ScanBody(c, "verify"))).ToList();
        var plan = LoadPlan.Dealt(steps, HttpCeiling.Connections, cycle: true, ceiling.Duration);
        await ceiling.Generator.RunAsync(app, plan with { Duration = ceiling.WarmUp });
        return await ceiling.Generator.RunAsync(app, plan);
    }

    public static ScenarioResult Report(LoadResult run, HttpCeiling ceiling, WebAppProcess app)
    {
        var stats = run.Latency;
        var fraction = run.Rate / ceiling.Best.Rate;
        List<Figure> figures =
        [
            new($"verify latency p99 at {HttpCeiling.Connections} connections", "≤ 5 ms", $"{Measure.Ms(stats.P99)} ({stats})", stats.P99 <= 5),
            new("verify rate vs. the HTTP ceiling", "≥ 50 % of the ceiling",
                $"{ceiling.Fraction(run.Rate)}: {Measure.N(run.Rate)} /s ({Measure.N(run.Requests)} in {Measure.Seconds(run.Elapsed)}) of {Measure.N(ceiling.Best.Rate)} /s", fraction >= 0.5),
            new("verdicts", "all ok", run.NotOk == 0 ? "all ok" : $"{run.NotOk} not ok", run.NotOk == 0, IsCorrectness: true),
            .. ceiling.Figures(),
        ];
        var method = $"""
            The real app (`DrugTrace.Web.dll` from this build, Release) runs as a **child process** on a free
            127.0.0.1 port: Kestrel, `ASPNETCORE_ENVIRONMENT=Production`, log level Warning, a new temporary data
            directory, `Storage:Sqlite:Synchronous=FULL`, demo parties loaded by the seed loader. The benchmark registers
            a product and {Lots} lots of 1,000 packs through `POST /api/v1/products` and `POST /api/v1/lots`, ships
            them to the pharmacy and receives them there (untimed; a pharmacy verifies packs in its own stock). Then
            {HttpCeiling.Connections} connections send `POST /api/v1/scans` `{SampleBody}` with the pharmacy's `X-Api-Key`,
            each cycling over its share of the 2,000 packs and each request after the previous answer, for
            {ceiling.WarmUp.TotalSeconds:0} s untimed and then {ceiling.Duration.TotalSeconds:0} s timed; the rate is answers over the generator's wall-clock time,
            latency is per request as the generator measures it. Every verification is recorded in the scan log.
            Client and server share the machine's {Environment.ProcessorCount} cores. Peak working set of the app process
            after this scenario: {Measure.Mb(app.PeakWorkingSet)}.

            {ceiling.Method}
            """;
        return new ScenarioResult("4. Verify over HTTP", figures, method);
    }

    /// <summary>Untimed set-up scans, sent with the benchmark's own HttpClient.</summary>
    public static async Task SendAllAsync(ApiClient api, string apiKey, IEnumerable<byte[]> scans)
    {
        var queue = new System.Collections.Concurrent.ConcurrentQueue<byte[]>(scans);
        await Task.WhenAll(Enumerable.Range(0, HttpCeiling.Connections).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var body))
            {
                if (!(await api.ScanAsync(apiKey, body)).Ok)
                    throw new InvalidOperationException("Setting up the benchmark: a handoff was refused.");
            }
        })));
    }
}
