using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Storage.Sqlite;

internal sealed class SqliteRecallNotices(SqliteDatabase db) : IRecallNotices
{
    public async ValueTask SetAsync(string gtin, string lot, string? publicText, CancellationToken cancellationToken) =>
        await db.Writer.WriteAsync(w => w.Command("UPDATE lots SET public_recall_text = $text WHERE gtin = $gtin AND lot = $lot")
            .Add("$text", publicText).Add("$gtin", gtin).Add("$lot", lot).ExecuteNonQuery(), cancellationToken);

    public ValueTask<string?> FindAsync(string gtin, string lot, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT public_recall_text FROM lots WHERE gtin = $gtin AND lot = $lot";
        command.Add("$gtin", gtin).Add("$lot", lot);
        return ValueTask.FromResult(command.ExecuteScalar() as string);
    }
}
