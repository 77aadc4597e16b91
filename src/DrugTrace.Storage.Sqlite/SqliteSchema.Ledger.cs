using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>The ledger's tables and indexes: lots, packs, cases, events, scans.</summary>
internal static partial class SqliteSchema
{
    /// <summary>The first schema: parties, products, lots, packs, the global log of events, and the scans.</summary>
    private const string InitialMigration = """
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

    /// <summary>The recall text for the public, apart from the internal reason in the lot's chain.</summary>
    private const string RecallNoticeMigration = """
        ALTER TABLE lots ADD COLUMN public_recall_text TEXT;
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

    /// <summary>The investigations list reads the quarantined packs, newest first: few rows, so a partial index.</summary>
    private const string QuarantinedIndexMigration = """
        CREATE INDEX packs_quarantined ON packs(changed_at) WHERE status = 9;
        """;

    // Every verification asks who else scanned the pack lately: this index answers it without reading a scan row.
    private const string SightingsIndexMigration = """
        CREATE INDEX IF NOT EXISTS scans_sightings ON scans(gtin, serial, at, actor, action);
        DROP INDEX IF EXISTS scans_pack;
        """;

    /// <summary>
    /// Each pack event's EPCIS event hash ID (CBV 2.0), indexed, so that EQ_eventID and /epcis/events/{eventID}
    /// read one row instead of hashing the log. Derived from the event (not part of its hash); the events already
    /// stored get theirs in the same transaction (<see cref="BackfillEpcisIds"/>).
    /// </summary>
    internal const string EpcisIdMigration = """
        ALTER TABLE events ADD COLUMN epcis_id TEXT;
        CREATE INDEX events_epcis_id ON events(epcis_id) WHERE epcis_id IS NOT NULL;
        """;

    /// <summary>
    /// The pack events of serials "." and ".." get their EPCIS event ID again: it was computed with the serial lost
    /// (System.Uri removed the dot segment from the pack's Digital Link), the same ID for both serials of a GTIN.
    /// No other serial's ID changed (<see cref="DrugTrace.Domain.Gs1.DigitalLinkValue.Escape"/>), so no other row is
    /// touched; the IDs are cleared first, so that a row whose ID cannot be computed is left without one rather than a wrong one.
    /// </summary>
    internal const string DotSerialEpcisIdMigration = $"""
        UPDATE events SET epcis_id = NULL WHERE stream = 0 AND {DotSerials};
        """;

    /// <summary>
    /// Each party's latest scan of each pack (not counting shipping scans), kept as scans are recorded: a verification
    /// asks who else scanned the pack lately, and reading every scan of the pack in the window for that grew with each
    /// scan (a pack verified a hundred times read a hundred index entries and sorted them). Here it reads one row per
    /// party. The index that answered it before is dropped; the scans already stored fill the table (<see cref="BackfillSightings"/>).
    /// </summary>
    internal const string SightingsTableMigration = """
        CREATE TABLE IF NOT EXISTS sightings (
            gtin TEXT NOT NULL,
            serial TEXT NOT NULL,
            actor TEXT NOT NULL,
            at INTEGER NOT NULL,
            scan INTEGER NOT NULL,
            PRIMARY KEY (gtin, serial, actor)
        ) WITHOUT ROWID;
        """;

    // With MAX(id), SQLite takes the bare column "at" from that same row: each party's latest scan, as the scan log keeps it.
    // A rerun (tests take a database back to before an older migration) replaces what the table holds with the same.
    // The old index goes only after the fill, which reads it (it holds every column named) instead of every scan row.
    private static void BackfillSightings(SqliteConnection connection, SqliteTransaction tx)
    {
        using var fill = connection.CreateCommand();
        fill.Transaction = tx;
        fill.CommandText = """
            INSERT OR REPLACE INTO sightings (gtin, serial, actor, at, scan)
            SELECT gtin, serial, actor, at, MAX(id) FROM scans
            WHERE gtin IS NOT NULL AND serial IS NOT NULL AND action <> $ship
            GROUP BY gtin, serial, actor
            """;
        fill.Parameters.AddWithValue("$ship", SqliteScanLog.ShipWord);
        fill.ExecuteNonQuery();
        fill.CommandText = "DROP INDEX IF EXISTS scans_sightings";
        fill.Parameters.Clear();
        fill.ExecuteNonQuery();
    }

    // The pack events the migration above clears and its step computes again: one condition for both.
    private const string DotSerials = "key IN ('.', '..')";

    private static void BackfillEpcisIds(SqliteConnection connection, SqliteTransaction tx) => BackfillEpcisIds(connection, tx, "");

    private static void RecomputeDotSerialEpcisIds(SqliteConnection connection, SqliteTransaction tx) =>
        BackfillEpcisIds(connection, tx, $" AND {DotSerials}");

    private static void BackfillEpcisIds(SqliteConnection connection, SqliteTransaction tx, string andWhere)
    {
        var ids = new List<(long LogIndex, string Id)>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = tx;
            select.CommandText = $"SELECT {SqliteLedgerStore.EventColumns} FROM events WHERE stream = {(int)StreamKind.Pack}{andWhere}";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                if (PackEpcisEvents.EventId(SqliteLedgerStore.MapEvent(reader)) is { } id) ids.Add((reader.GetInt64(0), id));
            }
        }
        using var update = connection.CreateCommand();
        update.Transaction = tx;
        update.CommandText = "UPDATE events SET epcis_id = $id WHERE log_index = $index";
        var idParameter = update.Parameters.Add("$id", SqliteType.Text);
        var indexParameter = update.Parameters.Add("$index", SqliteType.Integer);
        foreach (var (logIndex, id) in ids)
        {
            idParameter.Value = id;
            indexParameter.Value = logIndex;
            update.ExecuteNonQuery();
        }
    }
}
