using DrugTrace.Application.Common.Interfaces;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal sealed class MongoScanLog(MongoContext db) : IScanLog
{
    public async ValueTask RecordAsync(ScanRecord scan, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        // A version 7 GUID is time ordered, so the _id index grows at its end like an auto-increment.
        await db.ScanCollection.InsertOneAsync(MongoMapping.ToDocument(scan, Guid.CreateVersion7(scan.At)), cancellationToken: cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ScanRecord>> ScansOfPackAsync(string gtin, string serial, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var scans = await db.ScanCollection.Find(MongoQueries.ScansOfPack(gtin, serial, since))
            .SortByDescending(s => s.At).ToListAsync(cancellationToken);
        return [.. scans.Select(MongoMapping.ToScan)];
    }

    public async ValueTask<IReadOnlyList<(DateTimeOffset Hour, int Count)>> CountPerHourAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var hours = await db.ScanCollection.Aggregate(MongoQueries.ScansPerHour(since), cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
        return [.. hours.Select(h => (new DateTimeOffset(h["_id"].ToUniversalTime(), TimeSpan.Zero), h["count"].ToInt32()))];
    }
}
