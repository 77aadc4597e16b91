using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// The schema, versioned with PRAGMA user_version: each migration runs once, in order, in
/// its own transaction. Append new migrations; never edit a shipped one. The migrations' text
/// stands in partial files by concern (ledger, alerts, security, log, capture, health).
/// </summary>
internal static partial class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        InitialMigration,
        AlertsMigration,
        UsersMigration,
        QuarantineMigration,
        CustodyIndexesMigration,
        RecallNoticeMigration,
        WriteProbeMigration,
        SecurityMigration,
        MerkleMigration,
        IdempotencyMigration,
        AlertOutboxMigration,
        CustodyExceptionMigration,
        CaptureJobsMigration,
        CasesMigration,
        SightingsIndexMigration,
        QuarantinedIndexMigration,
        EpcisIdMigration,
        DotSerialEpcisIdMigration,
        SightingsTableMigration,
    ];

    /// <summary>What a migration does that SQL cannot, in its transaction after its SQL.</summary>
    private static readonly Dictionary<string, Action<SqliteConnection, SqliteTransaction>> Steps = new()
    {
        [EpcisIdMigration] = BackfillEpcisIds,
        [DotSerialEpcisIdMigration] = RecomputeDotSerialEpcisIds,
        [SightingsTableMigration] = BackfillSightings,
    };

    public static int Version => Migrations.Length;

    /// <summary>The schema version a migration brings the database to (tests go back to just before one).</summary>
    internal static int VersionAfter(string migration) => Array.IndexOf(Migrations, migration) + 1;

    public static void Migrate(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        var current = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Migrations.Length)
            throw new InvalidOperationException(
                $"The database is at schema version {current}, newer than this DrugTrace ({Migrations.Length}). Use a newer build.");
        for (var v = current; v < Migrations.Length; v++)
        {
            using var tx = connection.BeginTransaction();
            using var migrate = connection.CreateCommand();
            migrate.Transaction = tx;
            migrate.CommandText = Migrations[v];
            migrate.ExecuteNonQuery();
            if (Steps.TryGetValue(Migrations[v], out var step)) step(connection, tx);
            migrate.CommandText = $"PRAGMA user_version = {v + 1};";
            migrate.ExecuteNonQuery();
            tx.Commit();
        }
    }
}
