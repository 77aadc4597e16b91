using System.Diagnostics;

namespace DrugTrace.Benchmarks.Ceiling;

/// <summary>The fallback generator: one loop per connection on an HttpClient with a pooled SocketsHttpHandler.</summary>
public sealed class HttpClientLoad : ILoadGenerator
{
    public string Description =>
        "HttpClient (SocketsHttpHandler, pooled HTTP/1.1 keep-alive connections, one async loop per connection) in the benchmark process";

    public async Task<LoadResult> RunAsync(Uri target, LoadPlan plan)
    {
        using var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            MaxConnectionsPerServer = plan.Connections,
        };
        using var http = new HttpClient(handler) { BaseAddress = target, Timeout = TimeSpan.FromSeconds(60) };
        var scans = new Uri("/api/v1/scans", UriKind.Relative);
        var latencies = new LatencyRecorder(4_000_000);
        long notOk = 0;
        var ranOut = false;
        var deadline = Stopwatch.GetTimestamp() + (long)(plan.Duration.TotalSeconds * Stopwatch.Frequency);
        var elapsed = await Measure.TimeAsync(() => Task.WhenAll(plan.PerConnection.Select(steps => Task.Run(async () =>
        {
            for (var i = 0; Stopwatch.GetTimestamp() < deadline; i++)
            {
                if (i == steps.Count)
                {
                    if (!plan.Cycle) { ranOut = true; return; }
                    i = 0;
                }
                var start = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, scans) { Content = new ByteArrayContent(steps[i].Body) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.Add("X-Api-Key", steps[i].ApiKey);
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                latencies.Add(Stopwatch.GetTimestamp() - start);
                if (!response.IsSuccessStatusCode || !text.Contains("\"verdict\":\"ok\"", StringComparison.Ordinal)) Interlocked.Increment(ref notOk);
            }
        }))));
        return new LoadResult(latencies.Count, elapsed, latencies.Summarize(), notOk, ranOut);
    }
}
