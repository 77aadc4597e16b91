using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>
/// The store contract against a live MongoDB replica set, a fresh database per test. Skipped,
/// with the reason "DRUGTRACE_MONGO is not set", when no server is named.
/// </summary>
public sealed class MongoLedgerStoreTests : LedgerStoreContractTests, IAsyncLifetime
{
    private readonly string _database = MongoTestServer.NewDatabaseName();
    private readonly ServiceProvider? _services;

    public MongoLedgerStoreTests()
    {
        // Small chunks, so that every contract test with more packs than this goes through the chunked commission.
        if (MongoTestServer.ConnectionString is not null)
            _services = MongoTestServer.Services(_database, settings: new Dictionary<string, string?> { ["Storage:Mongo:CommissionChunk"] = Chunk.ToString() });
    }

    private const int Chunk = 64;

    protected override IPartyStore Parties => Required.GetRequiredService<IPartyStore>();
    protected override ICatalogStore Catalog => Required.GetRequiredService<ICatalogStore>();
    protected override ILedgerStore Ledger => Required.GetRequiredService<ILedgerStore>();
    protected override IScanLog Scans => Required.GetRequiredService<IScanLog>();
    protected override ILogTreeStore Tree => Required.GetRequiredService<ILogTreeStore>();
    protected override ICustodyQueries Custody => Required.GetRequiredService<ICustodyQueries>();
    protected override IRecallNotices RecallNotices => Required.GetRequiredService<IRecallNotices>();
    protected override ILedgerEventQuery Events => Required.GetRequiredService<ILedgerEventQuery>();

    private ServiceProvider Required => _services ?? throw new InvalidOperationException(MongoTestServer.NotSet);

    protected override void RequireStore() => MongoTestServer.Require();

    Task IAsyncLifetime.InitializeAsync() => _services is null ? Task.CompletedTask : InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_services is null) return;
        await MongoTestServer.DropAsync(_services, _database);
        await _services.DisposeAsync();
    }

    /// <summary>A crash after the first chunk: the lot and its packs stay unseen, its number taken, and the log consistent.</summary>
    [SkippableFact]
    public async Task An_interrupted_chunked_commission_shows_nothing_and_keeps_its_lot_number()
    {
        RequireStore();
        var db = Required.GetRequiredService<MongoContext>();
        var (lotEvent, lot, packs) = Draft("HALF", 3 * Chunk);
        var chain = await ChunkedCommission.BeginAsync(db, lot, lotEvent, packs, default);
        await ChunkedCommission.WriteChunkAsync(db, lot, chain, packs, 0, Chunk);

        Assert.Null(await Catalog.FindLotAsync(lot.Gtin, "HALF", default));
        Assert.DoesNotContain(await Catalog.ListLotsAsync(lot.Gtin, default), l => l.Lot == "HALF");
        Assert.Null(await Ledger.FindPackAsync(lot.Gtin, packs[0].Key, default));
        Assert.Empty(await Custody.CountStockAsync(Maker, new StockFilter(lot.Gtin, "HALF"), default));
        var retry = await Assert.ThrowsAsync<Application.Common.Exceptions.ConflictException>(
            () => Ledger.CommissionAsync(lot, lotEvent, packs, default).AsTask());
        Assert.Contains("interrupted", retry.Message);
        await AssertAuditCleanAsync(1 + Chunk);

        // Finished (as the commission would have): everything is seen at once, and a restart clears the marks.
        await ChunkedCommission.WriteChunkAsync(db, lot, chain, packs, Chunk, 2 * Chunk);
        await ChunkedCommission.CompleteAsync(db, lot, chain, packs.Count);
        Assert.Equal(lot, await Catalog.FindLotAsync(lot.Gtin, "HALF", default));
        Assert.NotNull(await Ledger.FindPackAsync(lot.Gtin, packs[^1].Key, default));
        Assert.Equal(0, await db.PackCollection.CountDocumentsAsync(MongoQueries.CommissionedPacks(null)));
    }
}
