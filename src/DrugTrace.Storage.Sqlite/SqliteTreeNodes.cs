using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// Keeps the log's Merkle tree in the <c>tree_nodes</c> table as events are appended: after the
/// event at log index i, every tile that i completes gets its root stored one tile level up.
/// Leaf hashes are not stored twice: they are SHA-256(0x00 || events.hash). The writer keeps only the
/// leaves of the tile it is filling (<see cref="OpenTile"/>), which every insert after a rollback records again.
/// </summary>
internal static class SqliteTreeNodes
{
    private const string SelectLeaves = "SELECT hash FROM events WHERE log_index >= $from AND log_index < $to ORDER BY log_index";
    private const string SelectNodes = "SELECT hash FROM tree_nodes WHERE level = $level AND idx >= $from AND idx < $to ORDER BY idx";
    private const string InsertNode = "INSERT INTO tree_nodes (level, idx, hash) VALUES ($level, $idx, $hash)";

    /// <summary>The log index the next event gets: one past the last, from 0.</summary>
    public const string NextLogIndex = "COALESCE((SELECT MAX(log_index) FROM events) + 1, 0)";

    /// <summary>
    /// Benchmarks only (internal, seen by DrugTrace.Benchmarks): false measures commissioning without
    /// the tree, to state what keeping it costs. Nothing in the app sets it; a log written so has no proofs.
    /// </summary>
    internal static volatile bool KeepTree = true;

    /// <summary>
    /// Called inside the append transaction, after the event at <paramref name="logIndex"/> with hash
    /// <paramref name="eventHash"/> was inserted; <paramref name="leaf"/> is its leaf hash if the caller computed
    /// it already (off the writer, where it can be).
    /// </summary>
    public static void Appended(SqliteWriter w, long logIndex, Hash256 eventHash, Hash256? leaf = null)
    {
        if (!KeepTree) return;
        var tileComplete = w.Tile.Record(logIndex, leaf ?? Rfc6962.LeafHash(eventHash));
        if ((logIndex + 1) % LogTiles.Width != 0) return;
        foreach (var (level, index) in LogTiles.NodesCompletedBy(logIndex))
        {
            // On the writer's connection, inside the running write; the leaves of the tile just filled are in memory.
            var root = level == 1 && tileComplete
                ? Rfc6962.Root(w.Tile.Leaves)
                : Rfc6962.Root(ReadTile(w.Connection, level - 1, index * LogTiles.Width, LogTiles.Width));
            w.Statement(InsertNodeAt).Int(1, level).Int(2, index).Hash(3, root).Execute();
        }
    }

    private const string InsertNodeAt = "INSERT INTO tree_nodes (level, idx, hash) VALUES (?1, ?2, ?3)";

    /// <summary>The hashes of tile level <paramref name="tileLevel"/> from index <paramref name="from"/>, as many as are there up to <paramref name="count"/>.</summary>
    /// <remarks>Raw statements run on the connection, so inside any transaction open on it.</remarks>
    public static Hash256[] ReadTile(SqliteConnection connection, int tileLevel, long from, int count)
    {
        using var rows = tileLevel == 0
            ? new RawRows(connection, SelectLeaves, ("$from", from), ("$to", from + count))
            : new RawRows(connection, SelectNodes, ("$level", tileLevel), ("$from", from), ("$to", from + count));
        // One array of the tile's width, cut short only when the tile is (a proof serves hundreds a second).
        var hashes = new Hash256[count];
        var read = 0;
        while (read < count && rows.Read())
        {
            var h = rows.Hash(0);
            hashes[read++] = tileLevel == 0 ? Rfc6962.LeafHash(h) : h;
        }
        return read == count ? hashes : hashes[..read];
    }

    /// <summary>
    /// Stores the tile roots a log written before the tree existed lacks (a migrated database),
    /// one tile level at a time. Does nothing on a log whose tree is complete.
    /// </summary>
    public static void CatchUp(SqliteConnection connection)
    {
        using var tx = connection.BeginTransaction();
        long size;
        using (var count = connection.CreateCommand())
        {
            count.Transaction = tx;
            count.CommandText = $"SELECT {NextLogIndex}";
            size = (long)count.ExecuteScalar()!;
        }
        for (var level = 1; level <= LogTiles.MaxLevel && LogTiles.HashesAt(level, size) > 0; level++)
        {
            long stored;
            using (var count = connection.CreateCommand())
            {
                count.Transaction = tx;
                count.CommandText = "SELECT COUNT(*) FROM tree_nodes WHERE level = $level";
                count.Add("$level", level);
                stored = (long)count.ExecuteScalar()!;
            }
            for (var index = stored; index < LogTiles.HashesAt(level, size); index++)
            {
                var children = ReadTile(connection, level - 1, index * LogTiles.Width, LogTiles.Width);
                using var insert = connection.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = InsertNode;
                insert.Add("$level", level).Add("$idx", index).Add("$hash", Rows.Blob(Rfc6962.Root(children))).ExecuteNonQuery();
            }
        }
        tx.Commit();
    }
}
