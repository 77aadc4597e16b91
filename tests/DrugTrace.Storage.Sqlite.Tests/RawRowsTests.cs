using DrugTrace.Application.Audit;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>
/// The audit reads the ledger through raw rows: every column of an event and a pack row must be read as
/// stored, and a row edited in the file is reported by the audit instead of stopping it.
/// </summary>
public sealed class RawRowsTests : IAsyncLifetime
{
    private const string Maker = "4012345000016";
    private const string Gtin = "04012345000115";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero);
    private readonly SqliteTestStore _store = new("drugtrace-rawrows-");
    private IReadOnlyList<LedgerEvent> _packs = [];

    private ILedgerStore Ledger => _store.Get<ILedgerStore>();

    [Fact]
    public async Task A_held_pack_and_unheld_ones_audit_clean_and_an_edited_hold_is_reported()
    {
        var pack = (await Ledger.FindPackAsync(Gtin, _packs[0].Key, default))!;
        var held = EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Pack, Gtin = Gtin, Key = pack.Serial, Seq = 1, Type = EventType.Quarantined, Actor = Maker,
            Reason = "suspect", OccurredAt = Now, RecordedAt = Now, PrevHash = pack.Head.Hash,
        });
        var lot = (await _store.Get<ICatalogStore>().FindLotAsync(Gtin, "RAW1", default))!;
        Assert.True(await Ledger.TryAppendAsync(held, PackLifecycle.Apply(pack, held), lot.Head, default));
        Assert.Equal(PackStatus.Active, (await Ledger.FindPackAsync(Gtin, pack.Serial, default))!.HeldFrom);

        Assert.Empty((await AuditAsync()).Violations);

        Execute($"UPDATE packs SET held_from = NULL WHERE serial = '{pack.Serial}'");
        Assert.Contains((await AuditAsync()).Violations, v => v.Key == pack.Serial && v.Problem.StartsWith("field heldFrom", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hash_cut_short_is_reported_by_the_audit()
    {
        Execute($"UPDATE events SET hash = x'00' WHERE stream = 0 AND key = '{_packs[1].Key}'");
        Assert.Contains((await AuditAsync()).Violations, v => v.Key == _packs[1].Key);
    }

    [Fact]
    public async Task An_event_whose_type_name_is_unknown_is_reported_by_the_audit()
    {
        Execute($"UPDATE events SET type = 'Teleported' WHERE stream = 0 AND key = '{_packs[1].Key}'");
        Assert.Contains((await AuditAsync()).Violations, v => v.Key == _packs[1].Key);
    }

    [Fact]
    public async Task A_pack_event_whose_stream_is_edited_is_reported_by_the_audit()
    {
        Execute($"UPDATE events SET stream = 1 WHERE stream = 0 AND key = '{_packs[2].Key}'");
        // The replay is handed a lot event in a pack's chain: a finding, not a crash of the audit.
        Assert.Contains((await AuditAsync()).Violations, v => v.Key == _packs[2].Key);
        Assert.Contains((await new LedgerAudit(Ledger).RunAsync(null, null, default)).Violations, v => v.Key == _packs[2].Key);
    }

    // A text column read as NULL only when it is NULL: an empty text in its place is another value, so another body.
    [Theory]
    [InlineData("reason")]
    [InlineData("to_gln")]
    [InlineData("from_gln")]
    public async Task An_empty_text_where_an_event_held_null_is_reported_by_the_audit(string column)
    {
        Assert.Empty((await AuditAsync()).Violations);

        Execute($"UPDATE events SET {column} = '' WHERE stream = 0 AND key = '{_packs[1].Key}' AND {column} IS NULL");

        Assert.Contains((await AuditAsync()).Violations, v => v.Key == _packs[1].Key && v.Problem.Contains("the event was altered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_ship_to_where_the_pack_row_held_null_is_reported_by_the_audit()
    {
        Execute($"UPDATE packs SET ship_to = '' WHERE serial = '{_packs[2].Key}'");

        Assert.Contains((await AuditAsync()).Violations, v => v.Key == _packs[2].Key && v.Problem.StartsWith("field shipTo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pack_head_of_the_wrong_length_reads_as_damaged()
    {
        Execute($"UPDATE packs SET head_hash = x'0102030405' WHERE serial = '{_packs[1].Key}'");
        Assert.Equal(Rows.Damaged, (await Ledger.FindPackAsync(Gtin, _packs[1].Key, default))!.Head.Hash);
        Assert.Contains((await AuditAsync()).Violations, v => v.Key == _packs[1].Key);
    }

    [Fact]
    public async Task A_pack_head_that_is_null_reads_as_damaged()
    {
        // The column is NOT NULL: only a file edited past its schema can hold a NULL there.
        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
        {
            TestSql.Execute(connection, """
                PRAGMA writable_schema = ON;
                UPDATE sqlite_schema SET sql = replace(sql, 'head_hash BLOB NOT NULL', 'head_hash BLOB') WHERE name = 'packs';
                PRAGMA writable_schema = OFF;
                """);
        }
        await _store.ReopenAsync(); // every connection reads the edited schema

        Execute($"UPDATE packs SET head_hash = NULL WHERE serial = '{_packs[1].Key}'");
        Assert.Equal(Rows.Damaged, (await Ledger.FindPackAsync(Gtin, _packs[1].Key, default))!.Head.Hash);
        Assert.Contains((await AuditAsync()).Violations, v => v.Key == _packs[1].Key);
    }

    [Fact]
    public async Task A_damaged_page_of_the_events_makes_the_audit_read_fail_rather_than_end_early()
    {
        // The pack ids split into up to four parts of about 300 each: the damaged page (a few dozen events around pack 30)
        // lies in the first part's range only, past the lot events, which the audit read reads on another connection.
        var (lot, packs) = TestLots.Build(Gtin, Maker, Now, "PAGE1", 1_200);
        await Ledger.CommissionAsync(lot.State, lot.Event, packs, default);
        var path = _store.Get<SqliteDatabase>().FilePath;
        var hash = Rows.Blob(packs[30].Hash);

        await _store.ReopenAsync(() =>
        {
            Assert.False(File.Exists(path + "-wal")); // every page is in the file
            var file = File.ReadAllBytes(path);
            var pageSize = (file[16] << 8) | file[17];
            // The events page (not the packs page, whose head is the same hash) of a pack event in the middle of the log.
            var page = Assert.Single(Enumerable.Range(0, file.Length / pageSize), p =>
            {
                var bytes = file.AsSpan(p * pageSize, pageSize);
                return bytes.IndexOf(hash) >= 0 && bytes.IndexOf("Commissioned"u8) >= 0;
            });
            Assert.True(file.AsSpan(page * pageSize, pageSize).IndexOf(Rows.Blob(lot.Event.Hash)) < 0);
            Array.Clear(file, page * pageSize, pageSize);
            File.WriteAllBytes(path, file);
        });

        var failure = await Assert.ThrowsAsync<SqliteException>(async () =>
        {
            await foreach (var chain in Ledger.ReadChainsAsync(default)) Assert.NotNull(chain.Key);
        });
        Assert.Equal(11, failure.SqliteErrorCode); // SQLITE_CORRUPT
    }

    /// <summary>The full audit: the hash chains and the replay of every chain against its stored state.</summary>
    private async Task<LedgerAuditResult> AuditAsync()
    {
        var replay = await LedgerReplay.StartAsync(_store.Get<IPartyStore>(), default);
        return await new LedgerAudit(Ledger, replay).RunAsync(null, null, default);
    }

    private void Execute(string sql)
    {
        using var connection = _store.Get<SqliteDatabase>().OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    public async Task InitializeAsync()
    {
        await _store.Get<IPartyStore>().AddAsync(new Party(Maker, "Maker", PartyRole.Manufacturer), null, default);
        await _store.Get<ICatalogStore>().AddProductAsync(new Product(Gtin, "Amoxicillin", null, null, Maker), default);
        var (lot, packs) = TestLots.Build(Gtin, Maker, Now, "RAW1", 3);
        await Ledger.CommissionAsync(lot.State, lot.Event, packs, default);
        _packs = packs;
    }

    public Task DisposeAsync() => _store.DeleteAsync();
}
