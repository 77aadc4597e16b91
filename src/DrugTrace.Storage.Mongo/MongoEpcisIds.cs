using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Pack events stored before their EPCIS event hash ID was kept get it at start-up, a batch at a time
/// (the ID is derived from the event, so a second instance doing the same writes the same values).
/// </summary>
internal static class MongoEpcisIds
{
    private const int BatchSize = 1000;

    /// <summary>Pack events without their ID (lot and case events never have one).</summary>
    internal static FilterDefinition<EventDocument> Missing =>
        Builders<EventDocument>.Filter.Eq(e => e.Stream, nameof(StreamKind.Pack)) & Builders<EventDocument>.Filter.Exists(e => e.EpcisId, false)
        & Builders<EventDocument>.Filter.Nin(e => e.Type, [nameof(EventType.LotRegistered), nameof(EventType.LotRecalled), nameof(EventType.CasePacked), nameof(EventType.CaseUnpacked)]);

    /// <summary>The update that gives one event its ID.</summary>
    internal static UpdateOneModel<EventDocument> Set(EventDocument d, string id) =>
        new(Builders<EventDocument>.Filter.Eq(e => e.LogIndex, d.LogIndex), Builders<EventDocument>.Update.Set(e => e.EpcisId, id));

    public static async Task BackfillAsync(MongoContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await db.EventCollection.Find(Missing).Sort(MongoQueries.LogOrder).Limit(BatchSize).ToListAsync(cancellationToken);
            var updates = batch
                .Select(d => (Doc: d, Id: PackEpcisEvents.EventId(MongoMapping.ToEvent(d))))
                .Where(x => x.Id is not null)
                .Select(x => Set(x.Doc, x.Id!))
                .ToList();
            if (updates.Count > 0) await db.EventCollection.BulkWriteAsync(updates, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
            // An event whose stored type is unreadable gets no ID and is not asked again in this batch loop: stop at a short batch.
            if (batch.Count < BatchSize || updates.Count == 0) return;
        }
    }
}
