using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Transparency;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

internal sealed partial class SqliteLedgerStore
{
    public async ValueTask CommissionAsync(LotState lot, LedgerEvent lotEvent, IReadOnlyList<LedgerEvent> packEvents, CancellationToken cancellationToken)
    {
        // The packs' leaf hashes are computed here, on the caller's thread, while the writer stores other lots.
        var leaves = PackLeaves(packEvents);
        // So are their EPCIS event hash IDs.
        var ids = PackEpcisEvents.EventIds(packEvents);
        await db.Writer.WriteAsync(w =>
        {
            long lotId;
            try
            {
                lotId = (long)w.Command("""
                        INSERT INTO lots (gtin, lot, expiry, manufacturer, head_seq, head_hash)
                        VALUES ($gtin, $lot, $expiry, $m, $seq, $hash) RETURNING id
                        """)
                    .Add("$gtin", lot.Gtin).Add("$lot", lot.Lot).Add("$expiry", Rows.Date(lot.Expiry))
                    .Add("$m", lot.Manufacturer).Add("$seq", lot.Head.Seq).Add("$hash", Rows.Blob(lot.Head.Hash))
                    .ExecuteScalar()!;
            }
            catch (SqliteException ex) when (Rows.IsConstraint(ex))
            {
                throw new ConflictException($"Lot {lot.Lot} of {lot.Gtin} is already registered.");
            }
            Insert(w, LotChain(lotId), lotEvent);

            InsertPacks(w, lotId, lot, packEvents, leaves, ids);
            return true;
        }, cancellationToken);
    }

    private static Hash256[]? PackLeaves(IReadOnlyList<LedgerEvent> packEvents)
    {
        if (!SqliteTreeNodes.KeepTree) return null;
        var leaves = new Hash256[packEvents.Count];
        for (var i = 0; i < leaves.Length; i++) leaves[i] = Rfc6962.LeafHash(packEvents[i].Hash);
        return leaves;
    }

    // A pack's head moves only if it is still the one the event was decided on (the optimistic check), and only if
    // the lot is still as the decision read it: one writer runs these in order, so a recall committed before this
    // append makes it lose. Positional, on the writer's raw statement (see RawStatement): one of these per handoff.
    private const string UpdatePackSql = """
        UPDATE packs SET status = ?1, custodian = ?2, ship_to = ?3, changed_by = ?4,
            changed_at = ?5, head_seq = ?6, head_hash = ?7, held_from = ?8, parent = ?9
        WHERE gtin = ?10 AND serial = ?11 AND head_seq = ?12 AND head_hash = ?13
            AND EXISTS (SELECT 1 FROM lots WHERE lots.id = packs.lot_id AND lots.head_seq = ?14 AND lots.head_hash = ?15)
        """;

    private const string AppendPackSql = UpdatePackSql + " RETURNING id";

    private static RawStatement BindPackUpdate(RawStatement update, LedgerEvent e, PackState newState, ChainHead lotHead) => update
        .Int(1, (int)newState.Status).Text(2, newState.Custodian).Text(3, newState.ShipTo).Text(4, newState.ChangedBy)
        .Int(5, Rows.Millis(newState.ChangedAt)).Int(6, e.Seq).Hash(7, e.Hash)
        .IntOrNull(8, newState.HeldFrom is { } held ? (int)held : null).Text(9, newState.Parent)
        .Text(10, e.Gtin).Text(11, e.Key).Int(12, e.Seq - 1).Hash(13, e.PrevHash)
        .Int(14, lotHead.Seq).Hash(15, lotHead.Hash);

    public async ValueTask<bool> TryAppendAsync(LedgerEvent e, PackState newState, ChainHead lotHead, CancellationToken cancellationToken)
    {
        try
        {
            return await AppendPackAsync(e, newState, lotHead, cancellationToken);
        }
        finally
        {
            // Committed or not (or not known), the pack is read again before this caller goes on.
            db.Packs.Invalidate((e.Gtin, e.Key));
        }
    }

    private async ValueTask<bool> AppendPackAsync(LedgerEvent e, PackState newState, ChainHead lotHead, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w =>
        {
            var packId = BindPackUpdate(w.Statement(AppendPackSql), e, newState, lotHead).Scalar();
            if (packId is not { } id) return false;
            Insert(w, PackChain(id), e);
            return true;
        }, cancellationToken);

    public async ValueTask<bool> TryAppendAsync(LedgerEvent e, LotState newState, CancellationToken cancellationToken)
    {
        try
        {
            return await AppendLotAsync(e, newState, cancellationToken);
        }
        finally
        {
            // Committed or not, the cached lots are read again (a failed write changed nothing, so that is only a re-read).
            db.Lots.Invalidate();
        }
    }

    private async ValueTask<bool> AppendLotAsync(LedgerEvent e, LotState newState, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w =>
        {
            var lotId = w.Command("""
                    UPDATE lots SET head_seq = $seq, head_hash = $hash, recalled_at = $recalledAt, recall_reason = $reason
                    WHERE gtin = $gtin AND lot = $lot AND head_seq = $prevSeq AND head_hash = $prevHash
                    RETURNING id
                    """)
                .Add("$seq", e.Seq).Add("$hash", Rows.Blob(e.Hash))
                .Add("$recalledAt", newState.RecalledAt is { } at ? Rows.Millis(at) : null).Add("$reason", newState.RecallReason)
                .Add("$gtin", e.Gtin).Add("$lot", e.Key).Add("$prevSeq", e.Seq - 1).Add("$prevHash", Rows.Blob(e.PrevHash))
                .ExecuteScalar();
            if (lotId is null) return false;
            Insert(w, LotChain((long)lotId), e);
            return true;
        }, cancellationToken);

    // No RETURNING here: SQLite runs RETURNING like a trigger, which gives every insert a statement
    // journal, and releasing one inside this write's savepoint walks the whole in-memory sub-journal
    // from its start: quadratic in the lot size. The rowid is read from the connection instead.
    private static void InsertPacks(SqliteWriter w, long lotId, LotState lot, IReadOnlyList<LedgerEvent> packEvents, Hash256[]? leaves = null,
        string?[]? epcisIds = null)
    {
        var insertPack = w.Statement(InsertPack);
        var expiry = Rows.Date(lot.Expiry);
        for (var i = 0; i < packEvents.Count; i++)
        {
            var e = packEvents[i];
            insertPack.Text(1, lot.Gtin).Text(2, e.Key).Int(3, lotId).Text(4, lot.Lot).Text(5, expiry).Int(6, (int)PackStatus.Active)
                .Text(7, e.Actor).Int(8, Rows.Millis(e.OccurredAt)).Int(9, e.Seq).Hash(10, e.Hash);
            try
            {
                insertPack.Execute();
            }
            catch (SqliteException ex) when (Rows.IsConstraint(ex))
            {
                throw new SerialCollisionException(lot.Gtin);
            }
            Insert(w, PackChain(w.LastInsertRowId), e, leaves?[i], epcisIds?[i]);
        }
    }

    private const string InsertPack = """
        INSERT INTO packs (gtin, serial, lot_id, lot, expiry, status, custodian, changed_by, changed_at, head_seq, head_hash)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10)
        """;
}
