using System.Text.Json;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Epcis;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>Capture jobs in the <c>capture_jobs</c> table; a job's errors as one JSON array.</summary>
internal sealed class SqliteCaptureJobStore(SqliteDatabase db) : ICaptureJobStore
{
    private const string Columns = "id, owner, behaviour, events, applied, running, success, errors, created_at, finished_at";

    public async ValueTask AddAsync(CaptureJob job, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w => w.Command($"""
                INSERT INTO capture_jobs ({Columns})
                VALUES ($id, $owner, $behaviour, $events, $applied, $running, $success, $errors, $created, $finished)
                """)
            .Add("$id", job.CaptureID).Add("$owner", job.Owner).Add("$behaviour", job.CaptureErrorBehaviour).Add("$events", job.Events)
            .Add("$applied", job.Applied).Add("$running", job.Running ? 1 : 0).Add("$success", job.Success ? 1 : 0)
            .Add("$errors", Errors(job.Errors)).Add("$created", Rows.Millis(job.CreatedAt))
            .Add("$finished", job.FinishedAt is { } f ? Rows.Millis(f) : null)
            .ExecuteNonQuery(), cancellationToken);

    public async ValueTask FinishAsync(CaptureJob job, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w => w.Command("""
                UPDATE capture_jobs SET applied = $applied, running = $running, success = $success, errors = $errors, finished_at = $finished
                WHERE id = $id
                """)
            .Add("$id", job.CaptureID).Add("$applied", job.Applied).Add("$running", job.Running ? 1 : 0).Add("$success", job.Success ? 1 : 0)
            .Add("$errors", Errors(job.Errors)).Add("$finished", job.FinishedAt is { } f ? Rows.Millis(f) : null)
            .ExecuteNonQuery(), cancellationToken);

    public ValueTask<CaptureJob?> FindAsync(string captureId, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM capture_jobs WHERE id = $id";
        command.Add("$id", captureId);
        return ValueTask.FromResult(command.ReadFirst(Map));
    }

    public async ValueTask<int> AbandonRunningAsync(DateTimeOffset before, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w => w.Command("""
                UPDATE capture_jobs SET running = 0, success = 0, errors = $errors, finished_at = $now
                WHERE running = 1 AND created_at < $before
                """)
            .Add("$errors", Errors([new CaptureRefusal(-1, null, reason)])).Add("$now", Rows.Millis(now)).Add("$before", Rows.Millis(before))
            .ExecuteNonQuery(), cancellationToken);

    private static string Errors(IReadOnlyList<CaptureRefusal> errors) => JsonSerializer.Serialize(errors, JsonSerializerOptions.Web);

    private static CaptureJob Map(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), Rows.Time(r.GetInt64(8)),
        Running: r.GetInt32(5) != 0, Success: r.GetInt32(6) != 0, Applied: r.GetInt32(4),
        Errors: JsonSerializer.Deserialize<List<CaptureRefusal>>(r.GetString(7), JsonSerializerOptions.Web) ?? [],
        FinishedAt: r.IsDBNull(9) ? null : Rows.Time(r.GetInt64(9)));
}
