using DrugTrace.Application.Audit;
using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Packs;
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
        // Progress is reported every 65,536 events and at the end: a smaller audit reports once, its total.
        Assert.Equal([10_001L], progress);
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
        // A violation alone makes the result invalid.
        Assert.Empty(replayed.LogProblems);
        Assert.False(replayed.IsValid);
    }

    [Fact]
    public async Task A_stored_head_that_is_not_the_chains_last_event_is_named_for_a_pack_and_for_a_case()
    {
        var serial = (await _world.CommissionAsync("LOT7", 2)).Serials[0];
        var sscc = (await _world.PackCase(Maker).Handle(new PackCase(Maker.Gln, [Code(serial)], null), default)).Sscc;
        _world.Ledger.TamperState(Gtin, serial, p => p with { Head = p.Head with { Seq = p.Head.Seq + 5 } });
        _world.Ledger.TamperCase(sscc, c => c with { Head = c.Head with { Seq = 7 } });

        var result = await new LedgerAudit(_world.Ledger).RunAsync(null, null, default);

        Assert.Equal(
            [(StreamKind.Pack, serial, "the current state says seq 6, but the chain ends at seq 1 with another hash"),
             (StreamKind.Case, sscc, "the current state says seq 7, but the chain ends at seq 0 with another hash")],
            result.Violations.Select(v => (v.Stream, v.Key, v.Problem)).OrderBy(v => v.Stream));
    }

    [Fact]
    public async Task A_store_that_gives_a_lot_chain_after_a_pack_chain_is_refused()
    {
        await _world.CommissionAsync("LOT7", 1);
        var chains = await ChainsAsync();
        var feed = new ChainFeed([.. chains.Where(c => c.Stream != StreamKind.Lot), .. chains.Where(c => c.Stream == StreamKind.Lot)]);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await new LedgerAudit(feed).RunAsync(null, null, default));

        Assert.Equal("The store gave a lot chain after pack or case chains; every lot must come first.", refused.Message);
    }

    [Fact]
    public async Task Violations_at_one_log_index_are_ordered_by_stream_gtin_key_and_seq()
    {
        var serial = (await _world.CommissionAsync("LOT7", 1)).Serials[0];
        await _world.PackCase(Maker).Handle(new PackCase(Maker.Gln, [Code(serial)], null), default);
        var chains = await ChainsAsync();
        var pack = chains.Single(c => c.Stream == StreamKind.Pack);
        var @case = chains.Single(c => c.Stream == StreamKind.Case);
        // Rows without events: each is named at log index 0, "the chain has no events", at its head's seq.
        StoredChain Orphan(StoredChain chain, string gtin, string key, int seq) => chain with
        {
            Gtin = gtin, Key = key, Events = [],
            Pack = chain.Pack is null ? null : chain.Pack with { Head = chain.Pack.Head with { Seq = seq } },
            Case = chain.Case is null ? null : chain.Case with { Head = chain.Case.Head with { Seq = seq } },
        };
        // Fed in the reverse of the expected order.
        var feed = new ChainFeed(
        [
            Orphan(@case, "", "C1", 0),
            Orphan(pack, OtherGtin, "A1", 0),
            Orphan(pack, Gtin, "B2", 0),
            Orphan(pack, Gtin, "A1", 1),
            Orphan(pack, Gtin, "A1", 0),
        ]);

        var result = await new LedgerAudit(feed).RunAsync(null, null, default);

        Assert.All(result.Violations, v => Assert.Equal((0L, "the chain has no events"), (v.LogIndex, v.Problem)));
        Assert.Equal(
            [(StreamKind.Pack, Gtin, "A1", 0), (StreamKind.Pack, Gtin, "A1", 1), (StreamKind.Pack, Gtin, "B2", 0),
             (StreamKind.Pack, OtherGtin, "A1", 0), (StreamKind.Case, "", "C1", 0)],
            result.Violations.Select(v => (v.Stream, v.Gtin, v.Key, v.Seq)));
    }

    [Fact]
    public async Task A_log_problem_alone_makes_the_result_invalid()
    {
        await _world.CommissionAsync("LOT7", 1);

        // A checkpoint of a larger log than the one stored: the log was cut.
        var result = await new LedgerAudit(_world.Ledger).RunAsync((999, default), null, default);

        Assert.Empty(result.Violations);
        Assert.NotEmpty(result.LogProblems);
        Assert.False(result.IsValid);
    }

    private async Task<List<StoredChain>> ChainsAsync()
    {
        var chains = new List<StoredChain>();
        await foreach (var chain in _world.Ledger.ReadChainsAsync(default)) chains.Add(chain);
        return chains;
    }

    /// <summary>A store that gives the audit the chains it is handed, in that order; nothing else is read.</summary>
    private sealed class ChainFeed(IReadOnlyList<StoredChain> chains) : ILedgerStore
    {
        public async IAsyncEnumerable<StoredChain> ReadChainsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var chain in chains) yield return chain;
        }

        public ValueTask<PackState?> FindPackAsync(string gtin, string serial, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<IReadOnlyList<PackState>> ListPacksAsync(string gtin, string lot, int skip, int take, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<int> CountPacksAsync(string gtin, string lot, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<CaseState?> FindCaseAsync(string sscc, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<CaseChildren> ListCaseChildrenAsync(string sscc, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<IReadOnlyList<StoredEvent>> GetChainAsync(StreamKind stream, string gtin, string key, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask CommissionAsync(LotState lot, LedgerEvent lotEvent, IReadOnlyList<LedgerEvent> packEvents, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<bool> TryAppendAsync(LedgerEvent e, PackState newState, ChainHead lotHead, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<bool> TryAppendAsync(LedgerEvent e, LotState newState, CancellationToken cancellationToken) => throw new NotSupportedException();
        public ValueTask<bool> TryAppendBatchAsync(IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class SynchronousProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
