using DrugTrace.Application.Audit;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;
using DrugTrace.Domain.Transparency;
using static DrugTrace.Storage.Sqlite.Tests.TestSql;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>
/// The tree's tile roots are folded from the leaves the writer keeps in memory (<see cref="OpenTile"/>):
/// after writes that were rolled back half way through a tile, and after a restart mid-tile, every stored
/// root must still be the root of the leaves the log holds.
/// </summary>
public sealed class SqliteTreeNodesTests : IAsyncLifetime
{
    private const string Maker = "4012345000016";
    private const string Gtin = "04012345000115";
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, 123, TimeSpan.Zero);
    private readonly SqliteTestStore _store = new("drugtrace-tree-");

    private ILedgerStore Ledger => _store.Get<ILedgerStore>();

    [Fact]
    public async Task Tile_roots_stay_the_roots_of_the_stored_leaves_after_rollbacks_across_a_tile_end_and_a_restart_mid_tile()
    {
        await CommissionAsync("A", 100); // log indexes 0..100
        // A lot whose last serial collides: its lot event and 199 packs (past index 255, so a tile root was
        // stored) are rolled back with it, and their indexes are given again below.
        var (lot, packs) = Lot("B", 300);
        var colliding = packs.Take(299).Append(Lot("A", 1).Packs[0]).ToList();
        await Assert.ThrowsAsync<SerialCollisionException>(() => Ledger.CommissionAsync(lot.State, lot.Event, colliding, default).AsTask());
        await CommissionAsync("C", 500); // 101..601: tiles 0 and 1 complete
        await _store.ReopenAsync();      // the new writer starts inside tile 2, whose start it did not see
        await CommissionAsync("D", 300); // 602..902: tile 2 completes (read back), tile 3 starts in memory
        await CommissionAsync("E", 300); // 903..1203: tile 3 completes from memory

        var db = _store.Get<SqliteDatabase>();
        using var connection = db.OpenRead();
        var roots = SqliteTreeNodes.ReadTile(connection, 1, 0, 16);
        Assert.Equal(1204 / LogTiles.Width, roots.Length);
        for (var tile = 0; tile < roots.Length; tile++)
        {
            var leaves = SqliteTreeNodes.ReadTile(connection, 0, tile * LogTiles.Width, LogTiles.Width);
            Assert.Equal(Rfc6962.Root(leaves), roots[tile]);
        }
        var auditor = await new LedgerAudit(Ledger).RunAsync(null, null, default);
        Assert.Empty(auditor.Violations);
    }

    [Fact]
    public void An_open_tile_completes_only_with_every_leaf_recorded_in_order_from_its_start()
    {
        var tile = new OpenTile();
        var leaves = Enumerable.Range(0, LogTiles.Width).Select(i => Rfc6962.LeafHash(new Hash256((ulong)i, 1, 2, 3))).ToArray();
        for (var i = 10; i < LogTiles.Width; i++) Assert.False(tile.Record(LogTiles.Width + i, leaves[i])); // started mid-tile
        for (var i = 0; i < 200; i++) Assert.False(tile.Record(i, leaves[i]));
        // Index 150 again (a rollback): the stale 151..199 must be recorded again before the tile counts as full.
        Assert.False(tile.Record(150, leaves[0]));
        Assert.False(tile.Record(199, leaves[199]));
        Assert.False(tile.Record(LogTiles.Width - 1, leaves[^1]));
        for (var i = 0; i < LogTiles.Width - 1; i++) tile.Record(i, leaves[i]);
        Assert.True(tile.Record(LogTiles.Width - 1, leaves[^1]));
        Assert.Equal(Rfc6962.Root(leaves), Rfc6962.Root(tile.Leaves));
    }

    [Fact]
    public async Task A_log_of_several_tiles_whose_tree_is_missing_gets_the_same_tile_roots_on_start()
    {
        await CommissionAsync("A", (3 * LogTiles.Width) + 9); // three full tiles and part of a fourth
        Hash256[] built;
        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
        {
            built = SqliteTreeNodes.ReadTile(connection, 1, 0, 16);
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM tree_nodes";
            command.ExecuteNonQuery();
        }
        Assert.Equal(3, built.Length);

        await _store.ReopenAsync();

        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
        {
            Assert.Equal(built, SqliteTreeNodes.ReadTile(connection, 1, 0, 16));
            // Those three and nothing on any other level (no level 0, none past the last with a node).
            Assert.Equal(3L, Scalar(connection, "SELECT COUNT(*) FROM tree_nodes"));
            Assert.Equal(1L, Scalar(connection, "SELECT MAX(level) FROM tree_nodes"));
        }
        var auditor = await new LedgerAudit(_store.Get<ILedgerStore>()).RunAsync(null, null, default);
        Assert.Empty(auditor.Violations);
    }

    [Fact]
    public async Task A_log_of_a_full_level_two_tile_stores_the_root_of_its_level_one_roots()
    {
        const int Events = LogTiles.Width * LogTiles.Width;
        for (var part = 0; part < 16; part++) await CommissionAsync($"L{part}", (Events / 16) - 1); // a lot event and its packs each

        using var connection = _store.Get<SqliteDatabase>().OpenRead();
        var level1 = SqliteTreeNodes.ReadTile(connection, 1, 0, LogTiles.Width);
        Assert.Equal(LogTiles.Width, level1.Length);
        Assert.Equal([Rfc6962.Root(level1)], SqliteTreeNodes.ReadTile(connection, 2, 0, 16));
        Assert.Equal(Rfc6962.Root(SqliteTreeNodes.ReadTile(connection, 0, Events - LogTiles.Width, LogTiles.Width)), level1[^1]);
    }

    private async Task CommissionAsync(string lotNumber, int quantity)
    {
        var (lot, packs) = Lot(lotNumber, quantity);
        await Ledger.CommissionAsync(lot.State, lot.Event, packs, default);
    }

    private static ((LotState State, LedgerEvent Event) Lot, IReadOnlyList<LedgerEvent> Packs) Lot(string lotNumber, int quantity) =>
        TestLots.Build(Gtin, Maker, Now, lotNumber, quantity);

    public async Task InitializeAsync()
    {
        await _store.Get<IPartyStore>().AddAsync(new Party(Maker, "Maker", PartyRole.Manufacturer), null, default);
        await _store.Get<ICatalogStore>().AddProductAsync(new Product(Gtin, "Amoxicillin", null, null, Maker), default);
    }

    public Task DisposeAsync() => _store.DeleteAsync();
}
