using DrugTrace.Benchmarks.Ceiling;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>
/// Ship, receive and dispense over HTTP, one pack per request, with durable commits: each pack
/// goes manufacturer -> wholesaler -> pharmacy -> patient in five handoffs.
/// </summary>
public static class Handoffs
{
    private static readonly (string ApiKey, string Action, string? To)[] Steps =
    [
        (ApiClient.Manufacturer, "ship", ApiClient.WholesalerGln),
        (ApiClient.Wholesaler, "receive", null),
        (ApiClient.Wholesaler, "ship", ApiClient.PharmacyGln),
        (ApiClient.Pharmacy, "receive", null),
        (ApiClient.Pharmacy, "dispense", null),
    ];

    public static async Task<(LoadResult Run, int Packs)> MeasureAsync(Scale scale, ApiClient api, string gtin, HttpCeiling ceiling, Uri app)
    {
        // More packs than the timed run can hand off: a connection that runs out is reported. The warm-up hands off
        // packs of its own (a handoff changes its pack), fewer than it could: it ends when they do.
        var packCount = scale.Of(30_000);
        var warmUp = await CommissionAsync(api, gtin, "W", scale.Of(15_000));
        var codes = await CommissionAsync(api, gtin, "H", packCount);
        await ceiling.Generator.RunAsync(app, Plan(warmUp, ceiling.WarmUp));
        var run = await ceiling.Generator.RunAsync(app, Plan(codes, ceiling.Duration));
        return (run, packCount);
    }

    private static async Task<List<string>> CommissionAsync(ApiClient api, string gtin, string lotPrefix, int packs)
    {
        var codes = new List<string>();
        for (var l = 0; codes.Count < packs; l++)
        {
            var lot = await api.PostAsync<LotResponse>("/api/v1/lots", ApiClient.Manufacturer,
                new { gtin, lot = $"{lotPrefix}{l:D4}", expiry = "2030-12-31", quantity = Math.Min(1_000, packs - codes.Count) });
            codes.AddRange(lot.Serials.Select(s => ApiClient.Code(lot, s)));
        }
        return codes;
    }

    // Pack p goes to connection p % n, its five steps in order, each after the previous answer.
    private static LoadPlan Plan(List<string> codes, TimeSpan duration) =>
        new([.. Enumerable.Range(0, HttpCeiling.Connections)
            .Select(c => (IReadOnlyList<ScanStep>)[.. codes.Where((_, p) => p % HttpCeiling.Connections == c)
                .SelectMany(code => Steps.Select(s => new ScanStep(s.ApiKey, ApiClient.ScanBody(code, s.Action, s.To))))])],
            Cycle: false, duration);

    public static ScenarioResult Report(LoadResult run, int packs, HttpCeiling ceiling, WebAppProcess app)
    {
        var fraction = run.Rate / ceiling.Best.Rate;
        var figures = new List<Figure>
        {
            new("handoff rate vs. the HTTP ceiling", "≥ 25 % of the ceiling",
                $"{ceiling.Fraction(run.Rate)}: {Measure.N(run.Rate)} /s ({Measure.N(run.Requests)} in {Measure.Seconds(run.Elapsed)}) of {Measure.N(ceiling.Best.Rate)} /s"
                + (run.RanOut ? "; a connection ran out of packs, so the rate is understated" : ""), fraction >= 0.25),
            new($"handoff latency at {HttpCeiling.Connections} connections", "(reference)", run.Latency.ToString(), null),
            new("verdicts", "all ok", run.NotOk == 0 ? "all ok" : $"{run.NotOk} not ok", run.NotOk == 0, IsCorrectness: true),
        };
        var method = $"""
            Same child-process app as scenario 4 (`Synchronous=FULL`: every group commit is fsynced before any of its
            requests is answered). {Measure.N(packs)} packs are commissioned through `POST /api/v1/lots` (untimed), and half as
            many more that warm the handoff path up for {ceiling.WarmUp.TotalSeconds:0} s (untimed, the same steps); then
            {HttpCeiling.Connections} connections (the ceiling's generator) each take their share of the packs and scan each
            through five handoffs, one `POST /api/v1/scans` per handoff, each after the previous answer: manufacturer `ship`
            to the wholesaler, wholesaler `receive`, wholesaler `ship` to the pharmacy, pharmacy `receive`, pharmacy
            `dispense`, for {ceiling.Duration.TotalSeconds:0} s. Each handoff reads the pack, appends a hash-chained event
            (with its Merkle leaf) with the optimistic head check and records the scan. The rate is answered handoffs over
            the generator's wall-clock time, divided by scenario 4's HTTP ceiling. Peak working set of the app process after
            this scenario: {Measure.Mb(app.PeakWorkingSet)}.
            """;
        return new ScenarioResult("5. Handoffs over HTTP", figures, method);
    }
}
