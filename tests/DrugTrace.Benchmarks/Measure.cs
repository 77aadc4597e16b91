using System.Diagnostics;
using System.Globalization;

namespace DrugTrace.Benchmarks;

/// <summary>Timing and latency statistics shared by the scenarios.</summary>
public static class Measure
{
    public static CultureInfo Inv => CultureInfo.InvariantCulture;

    /// <summary>Runs <paramref name="work"/> once and returns the elapsed wall-clock time.</summary>
    public static TimeSpan Time(Action work)
    {
        var start = Stopwatch.GetTimestamp();
        work();
        return Stopwatch.GetElapsedTime(start);
    }

    public static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var start = Stopwatch.GetTimestamp();
        await work();
        return Stopwatch.GetElapsedTime(start);
    }

    public static double Rate(long count, TimeSpan elapsed) => count / elapsed.TotalSeconds;

    /// <summary>Nearest-rank percentile of latencies in Stopwatch ticks, in milliseconds.</summary>
    public static double PercentileMs(long[] sortedTicks, double percentile)
    {
        if (sortedTicks.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percentile / 100.0 * sortedTicks.Length);
        var index = Math.Clamp(rank - 1, 0, sortedTicks.Length - 1);
        return sortedTicks[index] * 1000.0 / Stopwatch.Frequency;
    }

    public static string N(double value, int decimals = 0) => value.ToString("N" + decimals.ToString(Inv), Inv);

    public static string Ms(double value) => value.ToString("0.00", Inv) + " ms";

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", Inv) + " s";

    public static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", Inv) + " MiB";
}

/// <summary>Latencies of requests, one slot per request, filled from several loops.</summary>
public sealed class LatencyRecorder(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _count;

    public void Add(long ticks) => _ticks[Interlocked.Increment(ref _count) - 1] = ticks;

    public int Count => _count;

    public LatencySummary Summarize()
    {
        var sorted = _ticks.AsSpan(0, _count).ToArray();
        Array.Sort(sorted);
        return new LatencySummary(
            Measure.PercentileMs(sorted, 50), Measure.PercentileMs(sorted, 95),
            Measure.PercentileMs(sorted, 99), Measure.PercentileMs(sorted, 100));
    }
}

public sealed record LatencySummary(double P50, double P95, double P99, double Max)
{
    public override string ToString() =>
        $"p50 {Measure.Ms(P50)}, p95 {Measure.Ms(P95)}, p99 {Measure.Ms(P99)}, max {Measure.Ms(Max)}";
}
