using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// The schema, versioned with PRAGMA user_version: each migration runs once, in order, in
/// its own transaction. Append new migrations; never edit a shipped one.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE parties (
            gln TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            api_key_hash TEXT UNIQUE
        );
        CREATE TABLE products (
            gtin TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            form TEXT,
            strength TEXT,
            manufacturer TEXT NOT NULL
        );
        CREATE INDEX products_manufacturer ON products(manufacturer);
        CREATE TABLE lots (
            id INTEGER PRIMARY KEY,
            gtin TEXT NOT NULL,
            lot TEXT NOT NULL,
            expiry TEXT NOT NULL,
            manufacturer TEXT NOT NULL,
            head_seq INTEGER NOT NULL,
            head_hash BLOB NOT NULL,
            recalled_at INTEGER,
            recall_reason TEXT,
            UNIQUE (gtin, lot)
        );
        CREATE TABLE packs (
            id INTEGER PRIMARY KEY,
            gtin TEXT NOT NULL,
            serial TEXT NOT NULL,
            lot_id INTEGER NOT NULL REFERENCES lots(id),
            lot TEXT NOT NULL,
            expiry TEXT NOT NULL,
            status INTEGER NOT NULL,
            custodian TEXT NOT NULL,
            ship_to TEXT,
            changed_by TEXT NOT NULL,
            changed_at INTEGER NOT NULL,
            head_seq INTEGER NOT NULL,
            head_hash BLOB NOT NULL,
            UNIQUE (gtin, serial)
        );
        CREATE INDEX packs_lot ON packs(lot_id, id);
        -- The global log: log_index is the rowid, so it grows by one per committed event.
        -- chain = pack id * 2 for a pack, lot id * 2 + 1 for a lot.
        CREATE TABLE events (
            log_index INTEGER PRIMARY KEY,
            chain INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            stream INTEGER NOT NULL,
            gtin TEXT NOT NULL,
            key TEXT NOT NULL,
            type TEXT NOT NULL,
            actor TEXT NOT NULL,
            from_gln TEXT,
            to_gln TEXT,
            reason TEXT,
            lot TEXT,
            expiry TEXT,
            occurred_at INTEGER NOT NULL,
            recorded_at INTEGER NOT NULL,
            prev_hash BLOB NOT NULL,
            hash BLOB NOT NULL,
            UNIQUE (chain, seq)
        );
        CREATE TABLE scans (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            code TEXT NOT NULL,
            gtin TEXT,
            serial TEXT,
            verdict TEXT NOT NULL,
            alerts TEXT
        );
        CREATE INDEX scans_pack ON scans(gtin, serial);
        """,
        """
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
        """,
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
    ];

    // Every verification asks who else scanned the pack lately: this index answers it without reading a scan row.
    private const string SightingsIndexMigration = """
        CREATE INDEX IF NOT EXISTS scans_sightings ON scans(gtin, serial, at, actor, action);
        DROP INDEX IF EXISTS scans_pack;
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

    /// <summary>
    /// Cases and pallets (SSCC): each case's head, and the parent a pack or case is packed in. A case's
    /// chain number is minus its id (packs and lots keep the even and odd positive numbers).
    /// </summary>
    private const string CasesMigration = """
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            sscc TEXT NOT NULL UNIQUE,
            status INTEGER NOT NULL,
            custodian TEXT NOT NULL,
            ship_to TEXT,
            parent TEXT,
            packed_by TEXT NOT NULL,
            packed_at INTEGER NOT NULL,
            changed_by TEXT NOT NULL,
            changed_at INTEGER NOT NULL,
            head_seq INTEGER NOT NULL,
            head_hash BLOB NOT NULL
        );
        CREATE INDEX cases_parent ON cases(parent) WHERE parent IS NOT NULL;
        ALTER TABLE packs ADD COLUMN parent TEXT;
        CREATE INDEX packs_parent ON packs(parent) WHERE parent IS NOT NULL;
        """;

    /// <summary>The recall text for the public, apart from the internal reason in the lot's chain.</summary>
    private const string RecallNoticeMigration = """
        ALTER TABLE lots ADD COLUMN public_recall_text TEXT;
        """;

    /// <summary>A custody exception is also shown to the pack's holder.</summary>
    private const string CustodyExceptionMigration = """
        ALTER TABLE alerts ADD COLUMN custodian TEXT;
        CREATE INDEX alerts_custodian ON alerts(custodian, id) WHERE custodian IS NOT NULL;
        """;

    /// <summary>A quarantined pack remembers the status its release goes back to.</summary>
    private const string QuarantineMigration = """
        ALTER TABLE packs ADD COLUMN held_from INTEGER;
        """;

    /// <summary>Stock and shipments are read per party: by custodian and by recipient.</summary>
    private const string CustodyIndexesMigration = """
        CREATE INDEX packs_custodian ON packs(custodian, status);
        CREATE INDEX packs_ship_to ON packs(ship_to) WHERE ship_to IS NOT NULL;
        """;

    /// <summary>Scratch rows the health check writes (and removes) to learn whether the store can write.</summary>
    private const string WriteProbeMigration = """
        CREATE TABLE write_probe (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            pad BLOB
        );
        """;

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

    /// <summary>
    /// The idempotency table of the security migration was never written (no code used it): it
    /// is made again in the shape its store needs. A row is a claim of (actor, key) for one
    /// request (its fingerprint); answer is NULL while that request runs, then its answer (JSON).
    /// </summary>
    private const string IdempotencyMigration = """
        DROP TABLE IF EXISTS idempotency;
        CREATE TABLE idempotency (
            actor TEXT NOT NULL,
            key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            answer TEXT,
            created_at INTEGER NOT NULL,
            completed_at INTEGER,
            PRIMARY KEY (actor, key)
        ) WITHOUT ROWID;
        CREATE INDEX idempotency_created ON idempotency(created_at);
        """;

    /// <summary>People who sign in to the browser UI; each acts for one party.</summary>
    private const string UsersMigration = """
        CREATE TABLE users (
            user_name TEXT PRIMARY KEY COLLATE NOCASE,
            display_name TEXT NOT NULL,
            party_gln TEXT NOT NULL REFERENCES parties(gln),
            password_hash TEXT NOT NULL
        );
        CREATE INDEX users_party ON users(party_gln);
        """;

    /// <summary>
    /// Security hardening: several API keys per party (rotation, revocation), sign-in lockout, each
    /// party's GS1 company prefixes, and the answers kept for Idempotency-Key retries.
    /// The single key of each party moves into party_keys as its key "k1".
    /// </summary>
    private const string SecurityMigration = """
        CREATE TABLE party_keys (
            party_gln TEXT NOT NULL REFERENCES parties(gln),
            id TEXT NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER,
            PRIMARY KEY (party_gln, id)
        );
        INSERT INTO party_keys (party_gln, id, key_hash, created_at)
            SELECT gln, 'k1', api_key_hash, 0 FROM parties WHERE api_key_hash IS NOT NULL;
        UPDATE parties SET api_key_hash = NULL;
        ALTER TABLE parties ADD COLUMN company_prefixes TEXT NOT NULL DEFAULT '';
        ALTER TABLE users ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE users ADD COLUMN locked_until INTEGER;
        CREATE TABLE idempotency (
            actor TEXT NOT NULL,
            key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            status INTEGER,
            body TEXT,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (actor, key)
        );
        CREATE INDEX idempotency_created ON idempotency(created_at);
        """;

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
            migrate.CommandText = Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
            migrate.ExecuteNonQuery();
            tx.Commit();
        }
    }
}
