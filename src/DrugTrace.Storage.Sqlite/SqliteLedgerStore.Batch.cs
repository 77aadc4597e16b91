using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

internal sealed partial class SqliteLedgerStore
{
    public async ValueTask<bool> TryAppendBatchAsync(IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0) return true;
        var movesLots = writes.Any(w => w is LotAppend);
        try
        {
            // One write of the writer: one savepoint, so a check that fails half way undoes the writes before it.
            return await db.Writer.WriteAsync(w =>
            {
                foreach (var write in writes)
                {
                    var stored = write switch
                    {
                        LotRegistration r => RegisterLot(w, r),
                        PacksCommissioning c => CommissionInto(w, c),
                        PackAppend a => AppendPack(w, a),
                        LotAppend l => AppendLot(w, l),
                        CaseCreation c => CreateCase(w, c),
                        CaseAppend c => AppendCase(w, c),
                        _ => throw new InvalidOperationException($"Unknown ledger write {write.GetType().Name}."),
                    };
                    if (!stored) throw new BatchLost();
                }
                return true;
            }, cancellationToken);
        }
        catch (BatchLost)
        {
            return false;
        }
        catch (SerialCollisionException)
        {
            return false;
        }
        finally
        {
            if (movesLots) db.Lots.Invalidate();
            foreach (var write in writes)
            {
                if (write is PackAppend a) db.Packs.Invalidate((a.Event.Gtin, a.Event.Key));
            }
        }
    }

    /// <summary>A check of a batch failed; thrown to roll its savepoint back.</summary>
    private sealed class BatchLost : Exception;

    private static bool RegisterLot(SqliteWriter w, LotRegistration r)
    {
        var lot = r.Lot;
        try
        {
            w.Command("""
                    INSERT INTO lots (gtin, lot, expiry, manufacturer, head_seq, head_hash)
                    VALUES ($gtin, $lot, $expiry, $m, $seq, $hash)
                    """)
                .Add("$gtin", lot.Gtin).Add("$lot", lot.Lot).Add("$expiry", Rows.Date(lot.Expiry))
                .Add("$m", lot.Manufacturer).Add("$seq", lot.Head.Seq).Add("$hash", Rows.Blob(lot.Head.Hash))
                .ExecuteNonQuery();
        }
        catch (SqliteException ex) when (Rows.IsConstraint(ex))
        {
            return false;
        }
        Insert(w, LotChain(w.LastInsertRowId), r.Event);
        return true;
    }

    private static bool CommissionInto(SqliteWriter w, PacksCommissioning c)
    {
        var lotId = w.Command("SELECT id FROM lots WHERE gtin = $gtin AND lot = $lot AND head_seq = $seq AND head_hash = $hash")
            .Add("$gtin", c.Lot.Gtin).Add("$lot", c.Lot.Lot).Add("$seq", c.Lot.Head.Seq).Add("$hash", Rows.Blob(c.Lot.Head.Hash))
            .ExecuteScalar();
        if (lotId is null) return false;
        InsertPacks(w, (long)lotId, c.Lot, c.Events);
        return true;
    }

    // The single appends' checks without RETURNING (see InsertPacks): many of them run in one savepoint here.
    private static bool AppendPack(SqliteWriter w, PackAppend a)
    {
        var (e, newState, lotHead) = (a.Event, a.State, a.LotHead);
        var changed = BindPackUpdate(w.Statement(UpdatePackSql), e, newState, lotHead).Execute();
        if (changed != 1) return false;
        var packId = (long)w.Command("SELECT id FROM packs WHERE gtin = $gtin AND serial = $serial")
            .Add("$gtin", e.Gtin).Add("$serial", e.Key).ExecuteScalar()!;
        Insert(w, PackChain(packId), e);
        return true;
    }

    private static bool AppendLot(SqliteWriter w, LotAppend l)
    {
        var (e, newState) = (l.Event, l.State);
        var changed = w.Command("""
                UPDATE lots SET head_seq = $seq, head_hash = $hash, recalled_at = $recalledAt, recall_reason = $reason
                WHERE gtin = $gtin AND lot = $lot AND head_seq = $prevSeq AND head_hash = $prevHash
                """)
            .Add("$seq", e.Seq).Add("$hash", Rows.Blob(e.Hash))
            .Add("$recalledAt", newState.RecalledAt is { } at ? Rows.Millis(at) : null).Add("$reason", newState.RecallReason)
            .Add("$gtin", e.Gtin).Add("$lot", e.Key).Add("$prevSeq", e.Seq - 1).Add("$prevHash", Rows.Blob(e.PrevHash))
            .ExecuteNonQuery();
        if (changed != 1) return false;
        var lotId = (long)w.Command("SELECT id FROM lots WHERE gtin = $gtin AND lot = $lot").Add("$gtin", e.Gtin).Add("$lot", e.Key).ExecuteScalar()!;
        Insert(w, LotChain(lotId), e);
        return true;
    }

    private static bool CreateCase(SqliteWriter w, CaseCreation c)
    {
        var state = c.Case;
        try
        {
            w.Command("""
                    INSERT INTO cases (sscc, status, custodian, ship_to, parent, packed_by, packed_at, changed_by, changed_at, head_seq, head_hash)
                    VALUES ($sscc, $status, $custodian, $shipTo, $parent, $packedBy, $packedAt, $by, $at, $seq, $hash)
                    """)
                .Add("$sscc", state.Sscc).Add("$status", (int)state.Status).Add("$custodian", state.Custodian).Add("$shipTo", state.ShipTo)
                .Add("$parent", state.Parent).Add("$packedBy", state.PackedBy).Add("$packedAt", Rows.Millis(state.PackedAt))
                .Add("$by", state.ChangedBy).Add("$at", Rows.Millis(state.ChangedAt)).Add("$seq", state.Head.Seq).Add("$hash", Rows.Blob(state.Head.Hash))
                .ExecuteNonQuery();
        }
        catch (SqliteException ex) when (Rows.IsConstraint(ex))
        {
            return false;
        }
        Insert(w, CaseChain(w.LastInsertRowId), c.Event);
        return true;
    }

    private static bool AppendCase(SqliteWriter w, CaseAppend a)
    {
        var (e, state) = (a.Event, a.State);
        var changed = w.Command("""
                UPDATE cases SET status = $status, custodian = $custodian, ship_to = $shipTo, parent = $parent, changed_by = $by,
                    changed_at = $at, head_seq = $seq, head_hash = $hash
                WHERE sscc = $sscc AND head_seq = $prevSeq AND head_hash = $prevHash
                """)
            .Add("$status", (int)state.Status).Add("$custodian", state.Custodian).Add("$shipTo", state.ShipTo).Add("$parent", state.Parent)
            .Add("$by", state.ChangedBy).Add("$at", Rows.Millis(state.ChangedAt)).Add("$seq", e.Seq).Add("$hash", Rows.Blob(e.Hash))
            .Add("$sscc", e.Key).Add("$prevSeq", e.Seq - 1).Add("$prevHash", Rows.Blob(e.PrevHash))
            .ExecuteNonQuery();
        if (changed != 1) return false;
        var caseId = (long)w.Command("SELECT id FROM cases WHERE sscc = $sscc").Add("$sscc", e.Key).ExecuteScalar()!;
        Insert(w, CaseChain(caseId), e);
        return true;
    }
}
