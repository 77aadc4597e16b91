using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace DrugTrace.Benchmarks;

/// <summary>One measured figure: what was asked for, what was measured, and whether it met the target.</summary>
/// <param name="Met">Null for figures reported for reference only.</param>
/// <param name="IsCorrectness">A check that the work was done right (not a speed target): failing it fails the run.</param>
public sealed record Figure(string Metric, string Target, string Measured, bool? Met, bool IsCorrectness = false);

/// <summary>A scenario's figures and how they were measured.</summary>
public sealed record ScenarioResult(string Name, IReadOnlyList<Figure> Figures, string Method);

/// <summary>Writes docs/BENCHMARKS.md.</summary>
public static class Report
{
    public static string Write(IReadOnlyList<ScenarioResult> results, bool quick, TimeSpan total, string loadBefore, string commandLine, string store)
    {
        var md = new StringBuilder();
        md.AppendLine("# DrugTrace benchmarks").AppendLine();
        md.AppendLine("Written by `tests/DrugTrace.Benchmarks` (do not edit by hand; run it again).").AppendLine();
        if (quick)
            md.AppendLine("> **Quick run (`--quick`, about 1/100 scale).** The figures below are a smoke test only; "
                + "targets are defined for the full scale and their met/not met verdicts here mean little.").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        md.AppendLine($"| date | {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC |");
        md.AppendLine($"| command | `{commandLine}` |");
        md.AppendLine($"| store | {store} |");
        md.AppendLine($"| git commit | {Git("rev-parse HEAD")}{(Git("status --porcelain -- src tests").Length > 0 ? " (with uncommitted changes)" : "")} |");
        md.AppendLine($"| CPU | {CpuModel()} |");
        md.AppendLine($"| cores (`nproc`) | {Environment.ProcessorCount} |");
        md.AppendLine($"| memory | {MemoryTotal()} |");
        md.AppendLine($"| OS | {OsName()} ({RuntimeInformation.OSArchitecture}) |");
        md.AppendLine($"| .NET | {RuntimeInformation.FrameworkDescription}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC |");
        md.AppendLine($"| load average before the run | {loadBefore} (other work on the machine shares its cores) |");
        md.AppendLine($"| total run time | {Measure.Seconds(total)} |");
        md.AppendLine();

        md.AppendLine("## Summary").AppendLine();
        md.AppendLine("| scenario | metric | target | measured | met |").AppendLine("|---|---|---|---|---|");
        foreach (var r in results)
            foreach (var f in r.Figures)
                md.AppendLine($"| {r.Name} | {f.Metric} | {f.Target} | {f.Measured} | {Verdict(f.Met)} |");
        md.AppendLine();

        md.AppendLine(Notes.Trim()).AppendLine();

        foreach (var r in results)
        {
            md.AppendLine($"## {r.Name}").AppendLine();
            md.AppendLine("| metric | target | measured | met |").AppendLine("|---|---|---|---|");
            foreach (var f in r.Figures)
                md.AppendLine($"| {f.Metric} | {f.Target} | {f.Measured} | {Verdict(f.Met)} |");
            md.AppendLine().AppendLine(r.Method.Trim()).AppendLine();
        }
        return md.ToString();
    }

    // Fixed text: what the benchmark found in the code, and ideas that are bigger than a small fix. No figures here.
    private const string Notes = """
        ## Notes

        - Store: the committed figures in docs/BENCHMARKS.md are SQLite's (the default, embedded store). The same
          scenarios run on MongoDB with `--store mongo --mongo URL` (a replica set; the run stops with a clear message
          if the server does not answer or is standalone) and write docs/BENCHMARKS-mongo.md; scenario 1's raw
          figures are the machine's and SQLite's in both cases. No MongoDB figures are committed: no server could run
          where this report was made.
        - Machine sharing: the host has 2 cores and other builds may run beside the benchmark (see the load average
          above), so rates vary by ±30 % between runs. The HTTP scenarios run client and server on the same 2 cores.
        - Fixed while writing the benchmark (see `git log -- src/DrugTrace.Storage.Sqlite`): the pack insert of
          commissioning used `INSERT … RETURNING id`; SQLite runs RETURNING like a trigger, which gave every insert a
          statement journal whose release walks the in-memory sub-journal of the lot's savepoint from the start
          (quadratic in the lot size). And the writer's `wal_autocheckpoint` was raised from 1,000 to 16,384 pages,
          because one lot's commit dirties about 1,000 pages and the default checkpointed after nearly every commit.
        - Why commissioning is far below the raw insert rate: serials are random by design, so the unique index
          `packs(gtin, serial)` receives random keys; with a million packs each lot of 1,000 touches about 1,000
          different index leaf pages, and WAL mode writes (and fsyncs, with `synchronous=FULL`) every dirtied 4 KiB page
          at every commit, then again at checkpoint. The raw insert writes a row sequentially into one table without a
          secondary index. Ideas, not done here: commit several waiting lots in one transaction in larger batches (the
          group commit already does this for concurrent requests), a smaller `page_size` for this index, or keeping
          the serial lookup in a separate table keyed by a short hash prefix that fits in cache; or, for the bulk path,
          `synchronous=NORMAL` (still never corrupts in WAL mode, but may lose the last commits on power loss).
        - Audit ideas, not done here: it is single-threaded (read a row, allocate its strings, canonicalise, hash). A
          reader thread feeding a hashing thread would use the second core; per-event allocations (hex of prevHash,
          timestamp strings, `Enum.TryParse`, blob arrays) could go through spans.
        - Verify over HTTP: every verification also writes a scan-log row (group-committed, fsynced) and reads the
          party, product, pack and lot on pooled connections; with the load generator on the same 2 cores the rate is
          bound by CPU and sits close to its target, so it moves with the machine's other load. Caching products and
          parties in memory, and not waiting for the scan-log row's fsync (the scan log is not the ledger), would give
          it headroom.
        """;

    private static string Verdict(bool? met) => met switch { true => "met", false => "**not met**", null => "(reference)" };

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";

    private static string MemoryTotal()
    {
        var line = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            : null;
        if (line is null) return "unknown";
        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Measure.Inv);
        return (kb / 1024.0 / 1024.0).ToString("0.0", Measure.Inv) + " GiB";
    }

    private static string OsName()
    {
        var pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : null;
        return pretty is null ? RuntimeInformation.OSDescription : $"{pretty}, kernel {kernel ?? "unknown"}";
    }

    private static string Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppPaths.SolutionRoot,
            })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (git not found)";
        }
    }
}
