namespace DrugTrace.Storage.Sqlite;

/// <summary>The transparency log: the Merkle tree's nodes, checkpoints, witnesses.</summary>
internal static partial class SqliteSchema
{
    /// <summary>
    /// The global log counts from 0 (leaf i of the Merkle tree is log index i): a log that
    /// started at 1 is renumbered in two steps so that no step collides with an existing index.
    /// The tree keeps the nodes at levels 8, 16, 24... (the tlog-tiles levels above the leaves);
    /// a migrated log gets them from <see cref="SqliteTreeNodes.CatchUp"/> on start.
    /// </summary>
    internal const string MerkleMigration = """
        UPDATE events SET log_index = -log_index WHERE (SELECT MIN(log_index) FROM events) = 1;
        UPDATE events SET log_index = -log_index - 1 WHERE log_index < 0;
        CREATE TABLE tree_nodes (
            level INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            hash BLOB NOT NULL,
            PRIMARY KEY (level, idx)
        ) WITHOUT ROWID;
        -- Every checkpoint the log signed; note holds the signed note with any cosignatures.
        CREATE TABLE checkpoints (
            size INTEGER PRIMARY KEY,
            root BLOB NOT NULL,
            signed_at INTEGER NOT NULL,
            note TEXT NOT NULL
        );
        -- As a witness: the latest checkpoint cosigned per log origin.
        CREATE TABLE witnessed_logs (
            origin TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            root BLOB NOT NULL,
            note TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );
        -- As a log: each witness's last answer.
        CREATE TABLE witness_answers (
            url TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            size INTEGER NOT NULL,
            status INTEGER NOT NULL,
            detail TEXT NOT NULL,
            at INTEGER NOT NULL
        );
        """;
}
