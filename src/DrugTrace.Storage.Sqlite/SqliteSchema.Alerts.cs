namespace DrugTrace.Storage.Sqlite;

/// <summary>Alerts, their history, the outbox of their pushes.</summary>
internal static partial class SqliteSchema
{
    /// <summary>Alerts and each alert's changes (its history).</summary>
    private const string AlertsMigration = """
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            severity INTEGER NOT NULL,
            reason_code TEXT,
            message TEXT NOT NULL,
            action TEXT NOT NULL,
            scanned_code TEXT NOT NULL,
            scanned_gtin TEXT,
            scanned_serial TEXT,
            scanned_lot TEXT,
            scanned_expiry TEXT,
            pack_gtin TEXT,
            pack_serial TEXT,
            scanning_party TEXT NOT NULL,
            brand_owner TEXT,
            probable_scanning_error INTEGER NOT NULL,
            raised_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            count INTEGER NOT NULL,
            status INTEGER NOT NULL,
            resolution INTEGER,
            version INTEGER NOT NULL,
            dedupe_key TEXT NOT NULL
        );
        CREATE INDEX alerts_dedupe ON alerts(dedupe_key, id);
        CREATE INDEX alerts_party ON alerts(scanning_party, id);
        CREATE INDEX alerts_brand ON alerts(brand_owner, id);
        CREATE INDEX alerts_gtin ON alerts(pack_gtin, id);
        CREATE TABLE alert_changes (
            id INTEGER PRIMARY KEY,
            alert_id INTEGER NOT NULL REFERENCES alerts(id),
            at INTEGER NOT NULL,
            by TEXT NOT NULL,
            status INTEGER NOT NULL,
            resolution INTEGER,
            note TEXT
        );
        CREATE INDEX alert_changes_alert ON alert_changes(alert_id, id);
        """;

    /// <summary>
    /// Alert pushes waiting to be delivered, written in the same transaction as the alert change
    /// they announce, so that a push survives a crash or a failing listener (see <see cref="SqliteAlertOutbox"/>).
    /// Written to run again harmlessly (a test rolls a file back to before the Merkle migration).
    /// </summary>
    private const string AlertOutboxMigration = """
        CREATE TABLE IF NOT EXISTS alert_outbox (
            -- AUTOINCREMENT: delivered rows are deleted, and an id must never come back below the delivered mark.
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            alert_id INTEGER NOT NULL REFERENCES alerts(id),
            is_new INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            -- The alert as this change left it (JSON): a push says what happened then, not what holds by delivery.
            snapshot TEXT NOT NULL
        );
        """;

    /// <summary>A custody exception is also shown to the pack's holder.</summary>
    private const string CustodyExceptionMigration = """
        ALTER TABLE alerts ADD COLUMN custodian TEXT;
        CREATE INDEX alerts_custodian ON alerts(custodian, id) WHERE custodian IS NOT NULL;
        """;
}
