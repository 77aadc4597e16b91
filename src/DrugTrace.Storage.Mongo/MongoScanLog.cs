using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Storage.Mongo;

internal sealed class MongoScanLog(MongoContext db) : IScanLog
{
    public async ValueTask RecordAsync(ScanRecord scan, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        // A version 7 GUID is time ordered, so the _id index grows at its end like an auto-increment.
        await db.ScanCollection.InsertOneAsync(MongoMapping.ToDocument(scan, Guid.CreateVersion7(scan.At)), cancellationToken: cancellationToken);
    }
}
