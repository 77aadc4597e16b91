using System.Buffers.Text;
using DrugTrace.Domain.Ledger;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>
/// What this machine can do at best, measured in the same run: SHA-256 over a chain of
/// event-sized bodies, and plain SQLite inserts of event-sized rows.
/// </summary>
public static class PhysicalLimits
{
    private const int BodySize = 300;

    public static (ScenarioResult Result, double SqliteRowsPerSecond) Run(Scale scale)
    {
        var hashes = scale.Of(1_000_000);
        var rows = scale.Of(1_000_000);

        HashChain(Math.Min(hashes, 10_000)); // warm-up (JIT, SHA-NI detection)
        var hashTime = Measure.Time(() => HashChain(hashes));
        var hashRate = Measure.Rate(hashes, hashTime);

        using var folder = AppPaths.NewTempFolder("raw-sqlite");
        var file = Path.Combine(folder.Path, "raw.db");
        var insertTime = Measure.Time(() => InsertRows(file, rows));
        var insertRate = Measure.Rate(rows, insertTime);
        var size = AppPaths.DatabaseBytes(file);
        SqliteConnection.ClearAllPools();

        var figures = new List<Figure>
        {
            new("raw SHA-256 chain", "(reference)", $"{Measure.N(hashRate)} hashes/s ({Measure.N(hashes)} in {Measure.Seconds(hashTime)})", null),
            new("raw SQLite insert", "(reference)", $"{Measure.N(insertRate)} rows/s ({Measure.N(rows)} in {Measure.Seconds(insertTime)}, {Measure.Mb(size)})", null),
        };
        var method = $"""
            **SHA-256 chain:** one thread hashes {Measure.N(hashes)} bodies of {BodySize} bytes, each prefixed with the
            domain tag `DrugTrace/event/v1\0` and the previous digest, as `EventHasher` does (the app's `Sha256.Hash`, as fast as this machine's
            OpenSSL hashes, on one reused buffer; the body differs per event by a counter). No JSON writing: this is the hash alone.

            **SQLite insert:** plain Microsoft.Data.Sqlite on a new file in a temporary folder, `journal_mode=WAL`,
            `synchronous=FULL` (the app's default), one transaction, one prepared `INSERT` with bound parameters reused,
            {Measure.N(rows)} rows into a table shaped like `events` (integer primary key, two integers, six short texts,
            two timestamps, two 32-byte blobs; about 200 bytes of data a row) with no secondary index. Timed from opening
            the connection to the end of `COMMIT`.
            """;
        return (new ScenarioResult("1. Physical limits", figures, method), insertRate);
    }

    private static void HashChain(int count)
    {
        var prefix = "DrugTrace/event/v1\0"u8;
        var buffer = new byte[prefix.Length + 32 + BodySize];
        prefix.CopyTo(buffer);
        var body = buffer.AsSpan(prefix.Length + 32);
        body.Fill((byte)'x');
        "{\"actor\":\"4012345000016\",\"seq\":"u8.CopyTo(body);
        var counter = body[32..];
        var previous = buffer.AsSpan(prefix.Length, 32);
        for (var i = 0; i < count; i++)
        {
            Utf8Formatter.TryFormat(i, counter, out _);
            // The digest of this body becomes the previous hash of the next.
            Sha256.Hash(buffer, previous);
        }
    }

    private static void InsertRows(string file, int count)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL");
        Execute(connection, "PRAGMA synchronous = FULL");
        Execute(connection, """
            CREATE TABLE events (
                log_index INTEGER PRIMARY KEY, chain INTEGER NOT NULL, seq INTEGER NOT NULL,
                gtin TEXT NOT NULL, key TEXT NOT NULL, type TEXT NOT NULL, actor TEXT NOT NULL,
                lot TEXT, expiry TEXT, occurred_at INTEGER NOT NULL, recorded_at INTEGER NOT NULL,
                prev_hash BLOB NOT NULL, hash BLOB NOT NULL)
            """);
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO events (chain, seq, gtin, key, type, actor, lot, expiry, occurred_at, recorded_at, prev_hash, hash)
            VALUES ($chain, 0, $gtin, $key, 'Commissioned', $actor, $lot, '2030-12-31', $at, $at, $prev, $hash)
            """;
        var chain = insert.Parameters.Add("$chain", SqliteType.Integer);
        insert.Parameters.AddWithValue("$gtin", "04012345000115");
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        insert.Parameters.AddWithValue("$actor", "4012345000016");
        insert.Parameters.AddWithValue("$lot", "LOT00001");
        insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$prev", new byte[32]);
        var hash = insert.Parameters.Add("$hash", SqliteType.Blob);
        insert.Prepare();
        var digest = new byte[32];
        for (var i = 0; i < count; i++)
        {
            chain.Value = i * 2L;
            key.Value = "S" + i.ToString("D15", Measure.Inv);
            BitConverter.TryWriteBytes(digest, i);
            hash.Value = digest;
            insert.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
