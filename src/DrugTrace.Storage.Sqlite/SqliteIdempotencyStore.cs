using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// Idempotency-Key claims. A claim is one write of the single writer: expired rows go, then the
/// insert either takes the key or finds who holds it, so two claims of one key never both win.
/// </summary>
internal sealed class SqliteIdempotencyStore(SqliteDatabase db, TimeProvider clock) : IIdempotencyStore
{
    public async ValueTask<IdempotencyEntry?> ClaimAsync(IdempotencyClaim claim, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w =>
        {
            // Every expired key goes (the index on created_at keeps this cheap); this key's abandoned claim too.
            w.Command("DELETE FROM idempotency WHERE created_at < $expired")
                .Add("$expired", Rows.Millis(claim.ExpiredBefore))
                .ExecuteNonQuery();
            w.Command("DELETE FROM idempotency WHERE actor = $actor AND key = $key AND answer IS NULL AND created_at < $abandoned")
                .Add("$actor", claim.Actor).Add("$key", claim.Key).Add("$abandoned", Rows.Millis(claim.AbandonedBefore))
                .ExecuteNonQuery();
            var inserted = w.Command("""
                    INSERT INTO idempotency (actor, key, request_hash, created_at) VALUES ($actor, $key, $hash, $at)
                    ON CONFLICT (actor, key) DO NOTHING
                    """)
                .Add("$actor", claim.Actor).Add("$key", claim.Key).Add("$hash", claim.RequestHash).Add("$at", Rows.Millis(claim.At))
                .ExecuteNonQuery();
            if (inserted == 1) return null;
            using var reader = w.Command("SELECT request_hash, answer, created_at FROM idempotency WHERE actor = $actor AND key = $key")
                .Add("$actor", claim.Actor).Add("$key", claim.Key)
                .ExecuteReader();
            if (!reader.Read()) throw new InvalidOperationException("An idempotency row vanished inside the writer's transaction.");
            return new IdempotencyEntry(reader.GetString(0), Rows.NullableString(reader, 1), Rows.Time(reader.GetInt64(2)));
        }, cancellationToken);

    public async ValueTask CompleteAsync(IdempotencyClaim claim, string answer, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w => w.Command("""
                UPDATE idempotency SET answer = $answer, completed_at = $now
                WHERE actor = $actor AND key = $key AND request_hash = $hash AND created_at = $at AND answer IS NULL
                """)
            .Add("$answer", answer).Add("$now", Rows.Millis(clock.GetUtcNow()))
            .Add("$actor", claim.Actor).Add("$key", claim.Key).Add("$hash", claim.RequestHash).Add("$at", Rows.Millis(claim.At))
            .ExecuteNonQuery(), cancellationToken);

    public async ValueTask ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w => w.Command("""
                DELETE FROM idempotency
                WHERE actor = $actor AND key = $key AND request_hash = $hash AND created_at = $at AND answer IS NULL
                """)
            .Add("$actor", claim.Actor).Add("$key", claim.Key).Add("$hash", claim.RequestHash).Add("$at", Rows.Millis(claim.At))
            .ExecuteNonQuery(), cancellationToken);
}
