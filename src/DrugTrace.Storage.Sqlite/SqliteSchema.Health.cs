namespace DrugTrace.Storage.Sqlite;

/// <summary>What the health check writes.</summary>
internal static partial class SqliteSchema
{
    /// <summary>Scratch rows the health check writes (and removes) to learn whether the store can write.</summary>
    private const string WriteProbeMigration = """
        CREATE TABLE write_probe (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            pad BLOB
        );
        """;
}
