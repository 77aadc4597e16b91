using DrugTrace.Application.Common.Interfaces;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

internal sealed class SqliteCheckpointStore(SqliteDatabase db) : ICheckpointStore
{
    private const string Columns = "size, root, signed_at, note";

    public ValueTask<StoredCheckpoint?> LatestAsync(CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM checkpoints ORDER BY size DESC LIMIT 1";
        return ValueTask.FromResult(command.ReadFirst(Map));
    }

    public ValueTask<IReadOnlyList<StoredCheckpoint>> RecentAsync(int take, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM checkpoints ORDER BY size DESC LIMIT $take";
        command.Add("$take", take);
        return ValueTask.FromResult<IReadOnlyList<StoredCheckpoint>>(command.ReadAll(Map));
    }

    public async ValueTask<bool> AddAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w => w.Command("""
                INSERT INTO checkpoints (size, root, signed_at, note) VALUES ($size, $root, $at, $note) ON CONFLICT (size) DO NOTHING
                """)
            .Add("$size", checkpoint.Size).Add("$root", Rows.Blob(checkpoint.Root)).Add("$at", Rows.Millis(checkpoint.SignedAt))
            .Add("$note", checkpoint.Note).ExecuteNonQuery() == 1, cancellationToken);

    public async ValueTask UpdateNoteAsync(long size, string note, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w => w.Command("UPDATE checkpoints SET note = $note WHERE size = $size")
            .Add("$note", note).Add("$size", size).ExecuteNonQuery(), cancellationToken);

    private static StoredCheckpoint Map(SqliteDataReader r) =>
        new(r.GetInt64(0), Rows.Hash(r, 1), Rows.Time(r.GetInt64(2)), r.GetString(3));
}
