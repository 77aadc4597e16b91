namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>
/// Ship, receive and dispense over HTTP, one pack per request, with durable commits: each pack
/// goes manufacturer -> wholesaler -> pharmacy -> patient in five handoffs.
/// </summary>
public static class Handoffs
{
    public const int Clients = 16;

    private static readonly (string ApiKey, string Action, string? To)[] Steps =
    [
        (ApiClient.Manufacturer, "ship", ApiClient.WholesalerGln),
        (ApiClient.Wholesaler, "receive", null),
        (ApiClient.Wholesaler, "ship", ApiClient.PharmacyGln),
        (ApiClient.Pharmacy, "receive", null),
        (ApiClient.Pharmacy, "dispense", null),
    ];

    public static async Task<ScenarioResult> RunAsync(Scale scale, WebAppProcess app, ApiClient api, string gtin)
    {
        var packCount = scale.Of(10_000);
        var codes = new List<string>();
        for (var l = 0; codes.Count < packCount; l++)
        {
            var lot = await api.PostAsync<LotResponse>("/api/v1/lots", ApiClient.Manufacturer,
                new { gtin, lot = $"H{l:D4}", expiry = "2030-12-31", quantity = Math.Min(1_000, packCount - codes.Count) });
            codes.AddRange(lot.Serials.Select(s => ApiClient.Code(lot, s)));
        }
        // Bodies are built before timing: pack p, step s.
        var bodies = codes.Select(c => Steps.Select(s => ApiClient.ScanBody(c, s.Action, s.To)).ToArray()).ToArray();

        var handoffs = packCount * Steps.Length;
        var latencies = new LatencyRecorder(handoffs);
        var next = -1;
        var notOk = 0;
        var elapsed = await Measure.TimeAsync(() => Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            for (var p = Interlocked.Increment(ref next); p < packCount; p = Interlocked.Increment(ref next))
            {
                for (var s = 0; s < Steps.Length; s++)
                {
                    var (ticks, ok) = await api.ScanAsync(Steps[s].ApiKey, bodies[p][s]);
                    latencies.Add(ticks);
                    if (!ok) Interlocked.Increment(ref notOk);
                }
            }
        }))));
        var rate = Measure.Rate(handoffs, elapsed);
        var stats = latencies.Summarize();

        var figures = new List<Figure>
        {
            new("handoff rate", "≥ 2,000 /s", $"{Measure.N(rate)} /s ({Measure.N(handoffs)} in {Measure.Seconds(elapsed)})", rate >= 2_000),
            new("handoff latency", "(reference)", stats.ToString(), null),
            new("verdicts", "all ok", notOk == 0 ? "all ok" : $"{notOk} not ok", notOk == 0, IsCorrectness: true),
        };
        var method = $"""
            Same child-process app as scenario 4 (`Synchronous=FULL`: every group commit is fsynced before any of its
            requests is answered). {Measure.N(packCount)} packs are commissioned through `POST /api/v1/lots` (untimed);
            then {Clients} concurrent client loops each take the next pack and scan it through five handoffs, one
            `POST /api/v1/scans` per handoff and each waiting for the previous one: manufacturer `ship` to the
            wholesaler, wholesaler `receive`, wholesaler `ship` to the pharmacy, pharmacy `receive`, pharmacy `dispense`
            ({Measure.N(handoffs)} handoffs). Each handoff reads the pack, appends a hash-chained event with the
            optimistic head check and records the scan. Latency per request as in scenario 4; the rate is handoffs over
            the wall-clock time. Peak working set of the app process after this scenario: {Measure.Mb(app.PeakWorkingSet)}.
            """;
        return new ScenarioResult("5. Handoffs over HTTP", figures, method);
    }
}
