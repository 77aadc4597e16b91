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

    /// <summary>
    /// A report of some scenarios merged into an earlier full one: the new header and the new
    /// scenarios' rows and sections, the earlier figures of the scenarios not run, in scenario order.
    /// </summary>
    public static string Merge(string earlier, string partial)
    {
        static (string Head, List<string> Rows, Dictionary<string, string> Sections) Parse(string md)
        {
            var parts = md.Replace("\r\n", "\n").Split("\n## ");
            var rows = new List<string>();
            var sections = new Dictionary<string, string>();
            foreach (var part in parts.Skip(1))
            {
                var title = part[..part.IndexOf('\n')];
                if (title == "Summary") rows.AddRange(part.Split('\n').Where(l => l.StartsWith("| ") && char.IsDigit(l[2])));
                else if (title != "Notes") sections[title] = "## " + part.TrimEnd() + "\n";
            }
            return (parts[0], rows, sections);
        }
        static int Number(string title) => int.TryParse(title.Split('.')[0].TrimStart('|', ' '), out var n) ? n : 99;

        var (_, oldRows, oldSections) = Parse(earlier);
        var (head, newRows, newSections) = Parse(partial);
        var fresh = newSections.Keys.ToHashSet();
        var rows = oldRows.Where(r => !fresh.Any(t => r.StartsWith("| " + t + " |", StringComparison.Ordinal))).Concat(newRows)
            .OrderBy(Number).ToList();
        var sections = oldSections.Where(s => !fresh.Contains(s.Key)).Concat(newSections).OrderBy(s => Number(s.Key)).Select(s => s.Value);
        var md = new StringBuilder(head.TrimEnd()).AppendLine().AppendLine();
        md.AppendLine("Scenarios run in the latest command replace their earlier figures; the others are from earlier runs (see their sections' dates in git).").AppendLine();
        md.AppendLine("## Summary").AppendLine();
        md.AppendLine("| scenario | metric | target | measured | met |").AppendLine("|---|---|---|---|---|");
        foreach (var r in rows) md.AppendLine(r);
        md.AppendLine().AppendLine(Notes.Trim()).AppendLine();
        foreach (var s in sections) md.AppendLine(s);
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
        - Commissioning and serial locality: with fully random serials each lot of 1,000 touched about 1,000 different
          leaf pages of the unique index `packs(gtin, serial)`, and WAL mode writes and fsyncs every dirtied page at
          every commit. Serials now share a random 3-character prefix per lot (9 random characters per pack remain:
          45 bits, far beyond the EU's 1 in 10,000), so a lot's serials sit together in the index; that took the rate
          from about 37,000 to about 90,000 packs/s here. The app still writes two indexed rows per pack (a `packs` row
          and an `events` row), so compare its rows written, not its packs, with the raw one-row insert.
        - Audit: one pass in chain order (3 December). It used to be two passes side by side, a log-order one (every
          hash and link, the Merkle root) and the replay of every chain through the lifecycle rules in chain order, so
          every event was read and decoded twice. Now `LedgerAudit` reads each chain once with its stored row
          (`ReadChainsAsync`) and checks it whole: its hashes, links and head, log indexes rising with seq, the replay;
          each event's leaf goes to its log index in a `LeafTable` (36 bytes a leaf), whose gaps and root
          (the two halves of each large subtree folded side by side) are checked at the end. SQLite reads the pack
          chains in as many id ranges as there are cores, each on its own connection, all begun inside one write of the
          store's writer so that they see one state; batches of chains are checked on every core while the reads go on.
          `RawRows` calls SQLite on the statement's raw pointer (`SqliteNative`): SQLitePCL's SafeHandle add-ref and
          release around each column call were about a third of reading a row; a nullable text is one
          `sqlite3_column_text` call (a null pointer only for NULL). Since 3 December each reader thread checks the chains
          it reads (`IChainVisitingStore`), with no hand-over between threads. Since 4 December `EventHasher` writes a
          body into one span asked for once, plain-ASCII texts copied by one vectorised narrowing (a buffer call per key
          and value and a switch per char had been about a tenth of the audit's CPU time), and `LeafTable` folds each
          chunk of 65,536 leaves on the thread that sets its last leaf, so the root at the end is left with the last
          chunk and the levels above the chunks. What is left, measured with `perf` on a machine with SHA extensions:
          about a third of the CPU time in SQLite (its virtual machine, the index seek of each event row, about 45 column
          calls per pack), an eighth in SHA-256 (the event bodies and the tree's 2 million small hashes), the rest
          building the events and pack rows, the replay and the allocator. SQLite's own work of reading every column (a
          query summing the lengths of every column of both tables, in chain order) is about 1 µs of CPU per pack, so on
          a machine whose SHA-256 hashes an event body in 0.4 µs the 3x target leaves two cores little beyond the read.
        - Merkle proofs: full tiles above the leaves never change, so `LogTree` keeps up to 4,096 of them; a proof reads
          the log size and its leaf tile (256 event hashes) and hashes about 500 nodes. Commissioning's writer spends
          about a third of its time binding parameters by name (`SqliteParameterCollection.Bind`, measured with
          dotnet-trace); the tree step (every 256th event: read the tile back, fold it) about a tenth.
        - Commissioning and the EPCIS event-ID index (measured 4 December, 300 lots of 1,000 packs into a new database,
          runs interleaved at load about 8): 17.4, 20.1 and 20.9 s as shipped; 7.9, 10.2 and 12.0 s with the index
          `events(epcis_id)` dropped; 14.4 and 17.0 s with it on the ID's first 16 hex digits only. An EPCIS hash ID is
          random, so each pack's insert lands on another leaf page of that index and every lot's commit writes and fsyncs
          about a thousand of its pages: about half of commissioning's time, and more as the index grows. The index is
          what answers `EQ_eventID` and `/epcis/events/{eventID}` with one row read, so it stays; batching its inserts
          (a log-structured side table folded in sorted runs) is the way to take that half back, not done yet.
        - HTTP figures are fractions of a ceiling measured in the same run: a bare minimal API with the scan route's
          request and response shapes and no store (scenario 4), driven by the same load generator (wrk from Debian
          when installed) over the same 8 connections; client, ceiling and app share the machine's cores.
        - Verify over HTTP: a verification reads the pack and who else scanned it lately (the `sightings` table, one
          row per party that scanned the pack, kept as each scan is recorded: the covering index over every scan it
          replaced read all of the pack's scans in the window, and the packs here are verified a hundred times each,
          so that read was a quarter of the verify rate), authenticates its key (kept 5 s, forgotten on a revocation), finds product, lot and
          parties in memory, and queues its scan-log row without waiting for the row's fsync (the scan log is not the
          ledger; a clean shutdown drains the queue). A dotnet-trace sample before these changes put two thirds of the
          handler's time in reading every scan row of the pack. What remains per request is the middleware pipeline
          (security headers, rate limiter, authentication, antiforgery), the mediator behaviours and two SQLite reads
          on pooled connections, each prepared anew.
        - Handoffs over HTTP: each handoff waits for its own event's group commit and fsync (the ledger is durable
          before it answers); with 8 connections at most 8 handoffs share a commit, so the rate follows the disk's
          fsync latency on this shared machine more than the CPU.
        - Live alerts: a scan that raises an alert also runs the scanning-error triage (a handful of corrected
          readings, each looked up) and commits the alert before it is pushed; the push itself never waits for a
          listener (each Blazor subscriber has its own queue, SignalR sends are not awaited in the fan-out loop).
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
