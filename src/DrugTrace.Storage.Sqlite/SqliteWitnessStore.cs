using DrugTrace.Application.Common.Interfaces;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>witnessed_logs: one row per log origin; replaced only if it is still what the request was judged on.</summary>
internal sealed class SqliteWitnessStore(SqliteDatabase db) : IWitnessStore
{
    private const string Columns = "origin, size, root, note, updated_at";

    public ValueTask<WitnessedCheckpoint?> FindAsync(string origin, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM witnessed_logs WHERE origin = $origin";
        command.Add("$origin", origin);
        return ValueTask.FromResult(command.ReadFirst(Map));
    }

    public ValueTask<IReadOnlyList<WitnessedCheckpoint>> ListAsync(CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM witnessed_logs ORDER BY origin";
        return ValueTask.FromResult<IReadOnlyList<WitnessedCheckpoint>>(command.ReadAll(Map));
    }

    public async ValueTask<bool> ReplaceAsync(WitnessedCheckpoint? expected, WitnessedCheckpoint next, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w =>
        {
            // One statement: the compare and the store cannot be split by another request.
            var command = expected is null
                ? w.Command("""
                    INSERT INTO witnessed_logs (origin, size, root, note, updated_at) VALUES ($origin, $size, $root, $note, $at)
                    ON CONFLICT (origin) DO NOTHING
                    """)
                : w.Command("""
                    UPDATE witnessed_logs SET size = $size, root = $root, note = $note, updated_at = $at
                    WHERE origin = $origin AND size = $oldSize AND root = $oldRoot
                    """).Add("$oldSize", expected.Size).Add("$oldRoot", Rows.Blob(expected.Root));
            return command.Add("$origin", next.Origin).Add("$size", next.Size).Add("$root", Rows.Blob(next.Root))
                .Add("$note", next.Note).Add("$at", Rows.Millis(next.UpdatedAt)).ExecuteNonQuery() == 1;
        }, cancellationToken);

    private static WitnessedCheckpoint Map(SqliteDataReader r) =>
        new(r.GetString(0), r.GetInt64(1), Rows.Hash(r, 2), r.GetString(3), Rows.Time(r.GetInt64(4)));
}
