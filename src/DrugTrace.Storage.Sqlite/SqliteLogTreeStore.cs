using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Storage.Sqlite;

internal sealed class SqliteLogTreeStore(SqliteDatabase db) : ILogTreeStore
{
    public ValueTask<long> GetSizeAsync(CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteTreeNodes.NextLogIndex}";
        return ValueTask.FromResult((long)command.ExecuteScalar()!);
    }

    public ValueTask<Hash256[]> ReadTileAsync(int tileLevel, long tileIndex, int width, CancellationToken cancellationToken)
    {
        using var connection = db.OpenRead();
        return ValueTask.FromResult(SqliteTreeNodes.ReadTile(connection, tileLevel, tileIndex * LogTiles.Width, width));
    }
}
