using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Wire;
using DrugTrace.Domain.Packs;
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

    public async ValueTask<IReadOnlyList<ScanSighting>> SightingsOfPackAsync(string gtin, string serial, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        // A pack has a handful of scans in a window: its scans newest first (the id is time ordered), each party's first kept.
        var scans = await db.ScanCollection.Find(MongoQueries.SightingsOfPack(gtin, serial, since, ShipWord))
            .SortByDescending(s => s.At).ThenByDescending(s => s.Id)
            .Project(s => new { s.Actor, s.At }).ToListAsync(cancellationToken);
        return [.. scans.DistinctBy(s => s.Actor, StringComparer.Ordinal).Select(s => new ScanSighting(s.Actor, new DateTimeOffset(s.At, TimeSpan.Zero)))];
    }

    private static readonly string ShipWord = new WireName<PackAction>(PackAction.Ship).Name;

    public async ValueTask<IReadOnlyList<(DateTimeOffset Hour, int Count)>> CountPerHourAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var hours = await db.ScanCollection.Aggregate(MongoQueries.ScansPerHour(since), cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken);
        return [.. hours.Select(h => (new DateTimeOffset(h["_id"].ToUniversalTime(), TimeSpan.Zero), h["count"].ToInt32()))];
    }
}
