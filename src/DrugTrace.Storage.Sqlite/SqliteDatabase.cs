using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// The database file: created and migrated when first used, WAL mode, one queued writer and
/// pooled readers (WAL lets readers run beside the writer on a consistent snapshot).
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly Lazy<SqliteWriter> _writer;

    public SqliteDatabase(IOptions<SqliteOptions> options, string contentRoot)
    {
        var o = options.Value;
        var directory = Path.GetFullPath(o.DataDirectory, contentRoot);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, o.FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Reads = new ReadSessions(_connectionString);
        var synchronous = o.Synchronous.ToUpperInvariant() switch
        {
            "FULL" or "NORMAL" or "EXTRA" or "OFF" => o.Synchronous.ToUpperInvariant(),
            _ => throw new InvalidOperationException($"Storage:Sqlite:Synchronous must be FULL, NORMAL, EXTRA or OFF, not '{o.Synchronous}'."),
        };

        using (var setup = new SqliteConnection(_connectionString))
        {
            setup.Open();
            Pragma(setup, "PRAGMA journal_mode = WAL");
            SqliteSchema.Migrate(setup);
            SqliteTreeNodes.CatchUp(setup);
        }

        _writer = new Lazy<SqliteWriter>(() =>
        {
            var connection = new SqliteConnection(_connectionString);
            connection.Open();
            Pragma(connection, $"PRAGMA synchronous = {synchronous}");
            Pragma(connection, "PRAGMA foreign_keys = ON");
            // 8 MiB: every commit's page-cache truncation (pcache1TruncateUnsafe, from pager_end_transaction) grows with
            // the cache; at 64 MiB it was 8 % of the app's CPU under handoffs. Paired runs, 64 -> 8 MiB: handoffs
            // 2,954 -> 4,289 and 4,072 -> 5,825 /s; commissioning 24,165 -> 23,374 and 23,806 -> 23,742 packs/s.
            Pragma(connection, "PRAGMA cache_size = -8192");
            Pragma(connection, "PRAGMA temp_store = MEMORY");
            Pragma(connection, "PRAGMA wal_autocheckpoint = 16384");
            return new SqliteWriter(connection, o.MaxBatch);
        });
    }

    public string FilePath { get; }

    internal SqliteWriter Writer => _writer.Value;

    /// <summary>Products found (never changed once registered).</summary>
    internal ReadCache<string, Domain.Products.Product> Products { get; } = new();

    /// <summary>Lots found by (GTIN, lot); invalidated after every committed change of a lot row's head or recall.</summary>
    internal ReadCache<(string Gtin, string Lot), Domain.Packs.LotState> Lots { get; } = new();

    /// <summary>
    /// Pack heads found by (GTIN, serial): a verification reads its pack and changes nothing, so a pack verified
    /// again is not read again (one of a verification's two store reads; the other, its sightings, is not kept).
    /// Each pack is forgotten after every committed change of its row; bounded, as the packs are millions.
    /// </summary>
    internal ReadCache<(string Gtin, string Serial), Domain.Packs.PackState> Packs { get; } = new(PackCacheSize);

    // About half a kilobyte a pack with its key: at most about 25 MiB.
    internal const int PackCacheSize = 50_000;

    /// <summary>Poked after a commit that added alert pushes to the outbox.</summary>
    internal OutboxSignal AlertOutbox { get; } = new();

    /// <summary>Kept-open read connections with prepared statements, for the reads of every scan.</summary>
    internal ReadSessions Reads { get; }

    /// <summary>An open pooled connection for reading.</summary>
    public SqliteConnection OpenRead()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static void Pragma(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        Reads.Dispose();
        if (_writer.IsValueCreated) await _writer.Value.DisposeAsync().ConfigureAwait(false);
    }
}
