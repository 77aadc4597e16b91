using DrugTrace.Application.Audit;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Ledger;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Audit;

/// <summary>The one pass over every chain, over more chains than one batch holds, so that batches are checked side by side.</summary>
public class LedgerAuditTests
{
    private readonly TestWorld _world = new();

    [Fact]
    public async Task Many_batches_give_every_violation_once_in_log_order_and_progress_up_to_the_last_event()
    {
        var serials = (await _world.CommissionAsync("BIG1", 10_000)).Serials;
        // Damage at the end of the log, then at the start: the report is in log order, not in the order found.
        _world.Ledger.Tamper(StreamKind.Pack, Gtin, serials[9_990], 0, e => e with { Reason = "late" });
        _world.Ledger.Tamper(StreamKind.Pack, Gtin, serials[3], 0, e => e with { Reason = "early" });
        var progress = new List<long>();

        var result = await new LedgerAudit(_world.Ledger).RunAsync(null, new SynchronousProgress(progress), default);

        Assert.Equal((10_001L, 10_000L, 10_001L), (result.Events, result.PackChains, result.Chains));
        Assert.Equal([serials[3], serials[9_990]], result.Violations.Select(v => v.Key));
        Assert.All(result.Violations, v => Assert.Contains("altered", v.Problem));
        Assert.Empty(result.LogProblems);
        Assert.Equal(10_001, result.LogSize);
        Assert.NotNull(result.LogRoot);
        Assert.Equal(10_001, progress[^1]);
        Assert.Equal(progress.Order(), progress);
    }

    [Fact]
    public async Task The_replay_runs_only_with_a_party_directory()
    {
        var serial = (await _world.CommissionAsync("LOT7", 1)).Serials[0];
        _world.Ledger.TamperState(Gtin, serial, p => p with { Custodian = Pharmacy.Gln });

        var integrityOnly = await new LedgerAudit(_world.Ledger).RunAsync(null, null, default);
        var replayed = await new LedgerAudit(_world.Ledger, await LedgerReplay.StartAsync(_world.Parties, default)).RunAsync(null, null, default);

        Assert.True(integrityOnly.IsValid);
        Assert.StartsWith("field custodian", Assert.Single(replayed.Violations).Problem);
    }

    private sealed class SynchronousProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
