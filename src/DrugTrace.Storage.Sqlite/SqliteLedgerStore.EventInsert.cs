using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Storage.Sqlite;

internal sealed partial class SqliteLedgerStore
{
    // Positional parameters, bound by position on the writer's raw statement (see RawStatement).
    private const string InsertEvent =
        "INSERT INTO events (log_index, chain, seq, stream, gtin, key, type, actor, from_gln, to_gln, reason, lot, expiry, occurred_at, recorded_at, prev_hash, hash, epcis_id) "
        + $"VALUES ({SqliteTreeNodes.NextLogIndex}, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";

    /// <summary>Appends <paramref name="e"/> to the log as the next index, and keeps the tree.</summary>
    /// <remarks>
    /// <paramref name="leaf"/>: the event's leaf hash, and <paramref name="epcisId"/> its EPCIS event hash ID, when the
    /// caller computed them before (off the writer); otherwise they are computed here.
    /// </remarks>
    private static void Insert(SqliteWriter w, long chain, LedgerEvent e, Hash256? leaf = null, string? epcisId = null)
    {
        w.Statement(InsertEvent)
            .Int(1, chain).Int(2, e.Seq).Int(3, (int)e.Stream).Text(4, e.Gtin).Text(5, e.Key).Text(6, e.Type.ToString()).Text(7, e.Actor)
            .Text(8, e.From).Text(9, e.To).Text(10, e.Reason).Text(11, e.Lot).Text(12, e.Expiry is { } d ? Rows.Date(d) : null)
            .Int(13, Rows.Millis(e.OccurredAt)).Int(14, Rows.Millis(e.RecordedAt)).Hash(15, e.PrevHash).Hash(16, e.Hash)
            // The EPCIS event hash ID the pack's event is exported with, kept for lookups by eventID (derived: not hashed).
            .Text(17, epcisId ?? PackEpcisEvents.EventId(e))
            .Execute();
        SqliteTreeNodes.Appended(w, w.LastInsertRowId, e.Hash, leaf);
    }
}
