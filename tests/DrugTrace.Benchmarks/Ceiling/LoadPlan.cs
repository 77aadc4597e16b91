namespace DrugTrace.Benchmarks.Ceiling;

/// <summary>One scan request: whose key sends it and its JSON body.</summary>
public sealed record ScanStep(string ApiKey, byte[] Body);

/// <summary>
/// What each connection sends, in order and each waiting for the previous answer. With
/// <paramref name="Cycle"/> a connection starts its list again when done (verifications); without,
/// it stops (handoffs: a pack cannot be shipped twice).
/// </summary>
public sealed record LoadPlan(IReadOnlyList<IReadOnlyList<ScanStep>> PerConnection, bool Cycle, TimeSpan Duration)
{
    public int Connections => PerConnection.Count;

    /// <summary>The same steps dealt to <paramref name="connections"/> connections, round robin.</summary>
    public static LoadPlan Dealt(IReadOnlyList<ScanStep> steps, int connections, bool cycle, TimeSpan duration) =>
        new([.. Enumerable.Range(0, connections).Select(c => (IReadOnlyList<ScanStep>)[.. steps.Where((_, i) => i % connections == c)])], cycle, duration);
}

/// <summary>
/// What a load run measured: answered requests over the wall-clock time, latency per request,
/// answers that were not a 200 with verdict "ok", and whether a connection ran out of steps.
/// </summary>
public sealed record LoadResult(long Requests, TimeSpan Elapsed, LatencySummary Latency, long NotOk, bool RanOut)
{
    public double Rate => Measure.Rate(Requests, Elapsed);
}

/// <summary>Sends a <see cref="LoadPlan"/> to a server over HTTP/1.1 keep-alive connections.</summary>
public interface ILoadGenerator
{
    /// <summary>How the report names it.</summary>
    string Description { get; }

    Task<LoadResult> RunAsync(Uri target, LoadPlan plan);
}

public static class LoadGenerators
{
    /// <summary>wrk from Debian when installed (it uses far less CPU per request than a .NET client), else HttpClient.</summary>
    public static ILoadGenerator Choose() => WrkLoad.Find() is { } wrk ? new WrkLoad(wrk) : new HttpClientLoad();
}
