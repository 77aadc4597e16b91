using System.Diagnostics;
using DrugTrace.Application.Audit;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>The AuditLedger use case over the ledger that scenario 2 commissioned.</summary>
public static class Audit
{
    public static async Task<ScenarioResult> RunAsync(Scale scale, InProcessApp app)
    {
        AuditReport? report = null;
        var elapsed = await Measure.TimeAsync(async () => report = await app.SendAsync(new AuditLedger(Commission.RegulatorGln)));
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var auditTarget = TimeSpan.FromSeconds(3) * (scale.Quick ? 0.01 : 1);
        const long memoryTarget = 400L * 1024 * 1024;

        var figures = new List<Figure>
        {
            new("audit time", $"≤ {Measure.Seconds(auditTarget)}",
                $"{Measure.Seconds(elapsed)} ({Measure.N(report!.Events)} events, {Measure.N(report.Packs)} pack chains, {Measure.N(Measure.Rate(report.Events, elapsed))} events/s)",
                elapsed <= auditTarget),
            new("audit result", "valid, no violation", report.IsValid ? "valid" : $"{report.Violations.Count} violations: {report.Violations[0].Problem}", report.IsValid, IsCorrectness: true),
            new("peak working set", "≤ 400 MiB", Measure.Mb(peak), peak <= memoryTarget),
        };
        var method = $"""
            One `AuditLedger` request as the regulator, sent to `IMediator` of the same in-process app right after
            scenario 2: the SQLite store reads every chain with its stored row from one snapshot (pack chains in id ranges on
            a connection per core), and each chain is checked whole: every event's SHA-256 recomputed over its canonical
            body, seq and prevHash links, log indexes, the head against the row, the replay through the lifecycle rules;
            then the log's indexes are checked for gaps and, when a checkpoint was signed, its Merkle root compared.
            Timed from send to report.
            Peak working set is `Process.GetCurrentProcess().PeakWorkingSet64` of the benchmark process read right after
            the audit: the high-water mark of everything this process did so far — the scenario 1 measurements, the
            commissioning of all packs (including the SQLite writer's 8 MiB page cache) and the audit — so it is an
            upper bound for an app process holding this ledger. Workstation GC.
            """;
        return new ScenarioResult("3. Audit of the commissioned ledger", figures, method);
    }
}
