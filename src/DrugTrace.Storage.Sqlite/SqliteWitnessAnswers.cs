using DrugTrace.Application.Common.Interfaces;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Storage.Sqlite;

/// <summary>witness_answers: each witness's last answer to this log, by submission URL.</summary>
internal sealed class SqliteWitnessAnswers(SqliteDatabase db) : IWitnessAnswers
{
    private const string Columns = "url, name, size, status, detail, at";

    public ValueTask<WitnessAnswer?> FindAsync(string url, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM witness_answers WHERE url = $url";
        command.Add("$url", url);
        return ValueTask.FromResult(command.ReadFirst(Map));
    }

    public ValueTask<IReadOnlyList<WitnessAnswer>> ListAsync(CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM witness_answers ORDER BY url";
        return ValueTask.FromResult<IReadOnlyList<WitnessAnswer>>(command.ReadAll(Map));
    }

    public async ValueTask SaveAsync(WitnessAnswer answer, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w => w.Command("""
                INSERT INTO witness_answers (url, name, size, status, detail, at) VALUES ($url, $name, $size, $status, $detail, $at)
                ON CONFLICT (url) DO UPDATE SET name = excluded.name, size = excluded.size, status = excluded.status,
                    detail = excluded.detail, at = excluded.at
                """)
            .Add("$url", answer.Url).Add("$name", answer.Name).Add("$size", answer.Size).Add("$status", answer.Status)
            .Add("$detail", answer.Detail).Add("$at", Rows.Millis(answer.At)).ExecuteNonQuery(), cancellationToken);

    private static WitnessAnswer Map(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt32(3), r.GetString(4), Rows.Time(r.GetInt64(5)));
}
