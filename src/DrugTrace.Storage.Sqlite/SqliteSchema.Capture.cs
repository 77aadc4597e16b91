namespace DrugTrace.Storage.Sqlite;

/// <summary>EPCIS capture jobs.</summary>
internal static partial class SqliteSchema
{
    /// <summary>
    /// EPCIS capture jobs, so that GET /epcis/capture/{id} outlives a restart. IF NOT EXISTS: a database
    /// put back to an older version by hand runs it again harmlessly.
    /// </summary>
    private const string CaptureJobsMigration = """
        CREATE TABLE IF NOT EXISTS capture_jobs (
            id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            behaviour TEXT NOT NULL,
            events INTEGER NOT NULL,
            applied INTEGER NOT NULL,
            running INTEGER NOT NULL,
            success INTEGER NOT NULL,
            errors TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            finished_at INTEGER
        );
        CREATE INDEX IF NOT EXISTS capture_jobs_running ON capture_jobs(created_at) WHERE running = 1;
        """;
}
