using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Storage.Mongo;

internal sealed class MongoLogTreeStore(MongoContext db) : ILogTreeStore
{
    public async ValueTask<long> GetSizeAsync(CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        return await MongoTreeNodes.SizeAsync(db, cancellationToken);
    }

    public async ValueTask<Hash256[]> ReadTileAsync(int tileLevel, long tileIndex, int width, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        return await MongoTreeNodes.ReadTileAsync(db, null, tileLevel, tileIndex * LogTiles.Width, width, cancellationToken);
    }
}
