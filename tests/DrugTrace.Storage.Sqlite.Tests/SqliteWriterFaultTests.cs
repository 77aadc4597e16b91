using DrugTrace.Application.Audit;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>
/// The writer under store faults: SQLite's max_page_count on the writer connection makes the
/// file "full" (SQLITE_FULL) part-way through a commission, as a full disk would.
/// </summary>
public sealed class SqliteWriterFaultTests : IAsyncLifetime
{
    private const string Maker = "4012345000016";
    private const string Gtin = "04012345000115";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero);
    private readonly SqliteTestStore _store = new("drugtrace-fault-");

    private SqliteWriter Writer => _store.Get<SqliteDatabase>().Writer;
    private ILedgerStore Ledger => _store.Get<ILedgerStore>();

    [Fact]
    public async Task A_full_store_fails_the_commission_with_a_clear_error_stores_none_of_it_and_recovers_without_a_restart()
    {
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync()).Status);
        await FillUpAsync();

        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => CommissionAsync("FULL1", 4000));
        Assert.Equal("disk full", ex.Reason);
        Assert.StartsWith("The store cannot write: disk full.", ex.Message, StringComparison.Ordinal);
        Assert.Null(await _store.Get<ICatalogStore>().FindLotAsync(Gtin, "FULL1", default));
        Assert.Equal(0, await Ledger.CountPacksAsync(Gtin, "FULL1", default));

        var sick = await HealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, sick.Status);
        Assert.Contains("disk full", sick.Description, StringComparison.Ordinal);
        // Still full: the probe of the next check fails too.
        Assert.Equal(HealthStatus.Unhealthy, (await HealthAsync()).Status);

        await SetMaxPagesAsync(1_073_741_823);
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync()).Status);
        await CommissionAsync("FULL1", 4000);
        Assert.Equal(4000, await Ledger.CountPacksAsync(Gtin, "FULL1", default));

        var auditor = await new LedgerAudit(Ledger).RunAsync(null, null, default);
        Assert.Empty(auditor.Violations);
        Assert.Equal(4001, auditor.Events); // the lot event and its packs: nothing of the failed attempt
    }

    [Fact]
    public async Task A_write_that_does_not_fit_fails_alone_and_the_writes_batched_with_it_commit()
    {
        var (smallLot, small) = Lot("SMALL", 1);
        await CommissionAsync("SMALL", 1);
        var pack = (await Ledger.FindPackAsync(Gtin, small[0].Key, default))!;
        await FillUpAsync(spare: 40);

        // Hold the writer on a gate so that everything queued meanwhile runs as one batch.
        using var gate = new ManualResetEventSlim();
        var holding = Writer.WriteAsync(_ => gate.Wait(TimeSpan.FromMinutes(2)));
        var big = CommissionAsync("BIG", 4000);
        var scans = Enumerable.Range(0, 10)
            .Select(i => _store.Get<IScanLog>().RecordAsync(new ScanRecord(Now, Maker, "verify", $"code{i}", Gtin, null, "ok", null), default).AsTask())
            .ToList();
        var shipped = Next(pack, EventType.Shipped, "4012347000014");
        var append = Ledger.TryAppendAsync(shipped, PackLifecycle.Apply(pack, shipped), smallLot.State.Head, default).AsTask();
        gate.Set();
        Assert.True(await holding);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => big);
        await Task.WhenAll(scans);
        Assert.True(await append);
        Assert.Equal(1, (await Ledger.FindPackAsync(Gtin, small[0].Key, default))!.Head.Seq);
        Assert.Null(await _store.Get<ICatalogStore>().FindLotAsync(Gtin, "BIG", default));
        Assert.Equal(0, await Ledger.CountPacksAsync(Gtin, "BIG", default));
    }

    [Fact]
    public async Task A_write_that_fails_on_its_own_error_keeps_it_and_the_store_stays_healthy()
    {
        await CommissionAsync("TWICE", 2);
        await Assert.ThrowsAsync<ConflictException>(() => CommissionAsync("TWICE", 2));
        Assert.Null(Writer.Fault);
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync()).Status);
    }

    private async Task FillUpAsync(int spare = 0)
    {
        var pages = await Writer.WriteAsync(w => (long)w.Command("PRAGMA page_count").ExecuteScalar()!);
        await SetMaxPagesAsync(pages + spare);
    }

    private Task<long> SetMaxPagesAsync(long pages) =>
        Writer.WriteAsync(w => (long)w.Command($"PRAGMA max_page_count = {pages}").ExecuteScalar()!);

    private Task<HealthCheckResult> HealthAsync() =>
        new SqliteHealthCheck(_store.Get<SqliteDatabase>(), TimeProvider.System).CheckHealthAsync(new HealthCheckContext());

    private async Task CommissionAsync(string lotNumber, int quantity)
    {
        var (lot, packs) = Lot(lotNumber, quantity);
        await Ledger.CommissionAsync(lot.State, lot.Event, packs, default);
    }

    private static ((LotState State, LedgerEvent Event), IReadOnlyList<LedgerEvent>) Lot(string lotNumber, int quantity) =>
        TestLots.Build(Gtin, Maker, Now, lotNumber, quantity);

    private static LedgerEvent Next(PackState pack, EventType type, string to) => EventHasher.Seal(new LedgerEvent
    {
        Stream = StreamKind.Pack, Gtin = pack.Gtin, Key = pack.Serial, Seq = pack.Head.Seq + 1, Type = type, Actor = pack.Custodian,
        From = pack.Custodian, To = to, OccurredAt = Now, RecordedAt = Now, PrevHash = pack.Head.Hash,
    });

    public async Task InitializeAsync()
    {
        await _store.Get<IPartyStore>().AddAsync(new Party(Maker, "Maker", PartyRole.Manufacturer), null, default);
        await _store.Get<IPartyStore>().AddAsync(new Party("4012347000014", "Pharmacy", PartyRole.Pharmacy), null, default);
        await _store.Get<ICatalogStore>().AddProductAsync(new Product(Gtin, "Amoxicillin", null, null, Maker), default);
    }

    public Task DisposeAsync() => _store.DeleteAsync();
}
