namespace DrugTrace.Storage.Sqlite;

/// <summary>Users, API keys, sign-in lockout, idempotency claims.</summary>
internal static partial class SqliteSchema
{
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
}
