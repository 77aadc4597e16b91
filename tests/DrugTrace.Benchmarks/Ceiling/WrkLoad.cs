using System.Diagnostics;
using System.Text;

namespace DrugTrace.Benchmarks.Ceiling;

/// <summary>
/// wrk (C, epoll; Debian's package) with one connection per wrk thread and a Lua script
/// (wrk-scans.lua) that sends each connection's scans in order and checks every answer's verdict.
/// </summary>
public sealed class WrkLoad(string executable) : ILoadGenerator
{
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);

    public string Description =>
        $"wrk {Version()} (Debian package; one thread and one HTTP/1.1 keep-alive connection per connection counted, a Lua script sends each connection's scans and checks each verdict)";

    public async Task<LoadResult> RunAsync(Uri target, LoadPlan plan)
    {
        using var folder = AppPaths.NewTempFolder("wrk");
        for (var c = 0; c < plan.Connections; c++)
        {
            await using var file = new StreamWriter(Path.Combine(folder.Path, $"connection-{c}.txt"), append: false, new UTF8Encoding(false));
            foreach (var step in plan.PerConnection[c])
                await file.WriteLineAsync($"{step.ApiKey} {Encoding.UTF8.GetString(step.Body)}");
        }
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            $"-t{plan.Connections}", $"-c{plan.Connections}", $"-d{Math.Max(1, (int)Math.Ceiling(plan.Duration.TotalSeconds))}s", "--timeout", "10s",
            "-s", Path.Combine(AppContext.BaseDirectory, "Ceiling", "wrk-scans.lua"), target.ToString(), "--", folder.Path, plan.Cycle ? "cycle" : "once",
        }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        // The first few answers that were not ok, for the console (the report only counts them).
        foreach (var notOk in (await error).Split('\n').Where(l => l.StartsWith("DTNOTOK ", StringComparison.Ordinal)).Take(4))
            Console.Error.WriteLine($"wrk: an answer was not ok: {notOk["DTNOTOK ".Length..]}");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("DTRESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk gave no result (exit {process.ExitCode}): {text} {await error}");
        if (text.Contains("Socket errors", StringComparison.Ordinal)) Console.Error.WriteLine($"wrk: {text.Split('\n').First(l => l.Contains("Socket errors", StringComparison.Ordinal)).Trim()}");
        var values = line["DTRESULT ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1], Measure.Inv));
        static double Ms(long micros) => micros / 1000.0;
        var latency = new LatencySummary(Ms(values["p50"]), Ms(values["p95"]), Ms(values["p99"]), Ms(values["max"]));
        // Socket errors and timeouts are answers that never came: they count as not ok.
        return new LoadResult(values["requests"], TimeSpan.FromMicroseconds(values["duration_us"]), latency,
            values["notok"] + values["errors"], values["ranout"] > 0);
    }

    private string Version()
    {
        using var process = Process.Start(new ProcessStartInfo(executable, "-v") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? "";
    }
}
