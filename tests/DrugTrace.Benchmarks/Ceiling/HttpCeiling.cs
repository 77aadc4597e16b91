using DrugTrace.Domain.Gs1;

namespace DrugTrace.Benchmarks.Ceiling;

/// <summary>
/// The web stack's ceiling for scan-shaped requests (<see cref="CeilingServer"/>), measured twice in the
/// run (before the app's HTTP scenarios and after them) with the same generator and connections; the
/// better of the two is what the app's rates are divided by, so a quieter moment favours the ceiling.
/// </summary>
public sealed class HttpCeiling(ILoadGenerator generator, Uri server, Scale scale)
{
    public const int Connections = 8;

    private readonly List<LoadResult> _runs = [];

    public ILoadGenerator Generator => generator;

    /// <summary>Verify-shaped bodies of 2,000 made-up packs (the ceiling has no store to find them in).</summary>
    private static List<ScanStep> Steps()
    {
        var gtin = AppPaths.Gtin(90002);
        return [.. Enumerable.Range(0, 2_000).Select(i =>
            new ScanStep(ApiClient.Pharmacy, ApiClient.ScanBody($"(01){gtin}(17)301231(10)V{i / 1_000:D4}(21)C{i:D11}", "verify")))];
    }

    public TimeSpan Duration => TimeSpan.FromSeconds(scale.Quick ? 2 : 10);

    /// <summary>
    /// Untimed load before each timed run, as long as the run: a profile of the app showed its background JIT
    /// (tier-up with PGO) busy for the first 7–8 s of load and a seventh of the app's CPU in a window after a 2 s
    /// warm-up, which is start-up, not the steady state of a server that has been up for a while.
    /// </summary>
    public TimeSpan WarmUp => Duration;

    public async Task MeasureAsync()
    {
        var plan = LoadPlan.Dealt(Steps(), Connections, cycle: true, Duration);
        await generator.RunAsync(server, plan with { Duration = WarmUp });
        var run = await generator.RunAsync(server, plan);
        if (run.NotOk > 0) throw new InvalidOperationException($"The ceiling server answered {run.NotOk} scans with something other than ok.");
        _runs.Add(run);
    }

    public LoadResult Best => _runs.MaxBy(r => r.Rate) ?? throw new InvalidOperationException("The ceiling was not measured.");

    public string Fraction(double rate) => (rate / Best.Rate).ToString("P0", Measure.Inv);

    public IEnumerable<Figure> Figures() =>
    [
        new("HTTP ceiling (bare minimal API, same shapes, same run)", "(ceiling)",
            $"{Measure.N(Best.Rate)} /s at {Connections} connections ({Best.Latency}); runs: {string.Join(", ", _runs.Select(r => Measure.N(r.Rate) + " /s"))}", null),
    ];

    public string Method => $"""
        **HTTP ceiling:** `CeilingServer` in this program, started as a child process exactly as the app is (`dotnet <dll>`,
        Kestrel on a free 127.0.0.1 port, `ASPNETCORE_ENVIRONMENT=Production`, log level Warning): one minimal-API route
        `POST /api/v1/scans` that binds the app's `Scan` body, checks `X-Api-Key` by its SHA-256 hash against a dictionary
        of the demo keys, parses the code with the app's `Gs1Parser` and answers a verify-shaped `ScanOutcome` (pack
        view, no alerts); no store, no middleware. It is driven by the same generator, connections and run length as the
        app: {Connections} connections cycling over the verify bodies of 2,000 packs for {Duration.TotalSeconds:0} s after a
        {WarmUp.TotalSeconds:0} s warm-up, once before the app's HTTP scenarios and once after them; the better run is the ceiling every HTTP rate
        is divided by. Load generator: {generator.Description}.
        """;
}
