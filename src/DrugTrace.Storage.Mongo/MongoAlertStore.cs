using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Alerts with their history embedded. Raising is one transaction: fold into the latest open
/// alert with the same de-duplication key seen within the window, or take the next id from the
/// <c>alerts</c> counter and insert. Two instances raising the same new alert at once both write
/// the counter document, so the server aborts one with a write conflict; its retry then finds
/// the other's alert and only counts the repeat: a storm stays one alert, as with SQLite.
/// </summary>
internal sealed class MongoAlertStore(MongoContext db) : IAlertStore
{
    public async ValueTask<(Alert Alert, bool IsNew)> RaiseAsync(Alert alert, TimeSpan window, CancellationToken cancellationToken) =>
        await db.InTransactionAsync(async (session, ct) =>
        {
            var repeated = await db.AlertCollection.FindOneAndUpdateAsync(session,
                MongoQueries.DedupeTarget(alert.DedupeKey, alert.LastSeenAt - window),
                MongoQueries.Repeat(alert.LastSeenAt),
                new FindOneAndUpdateOptions<AlertDocument>
                {
                    Sort = MongoQueries.NewestFirst,
                    ReturnDocument = ReturnDocument.After,
                }, ct);
            if (repeated is not null) return (MongoMapping.ToAlert(repeated), false);

            var id = await db.ReserveAsync(session, MongoQueries.AlertCounter, 1, ct);
            await db.AlertCollection.InsertOneAsync(session, MongoMapping.ToDocument(alert, id), cancellationToken: ct);
            return (alert with { Id = id }, true);
        }, cancellationToken);

    public async ValueTask<Alert?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var d = await db.AlertCollection.Find(MongoQueries.AlertById(id)).FirstOrDefaultAsync(cancellationToken);
        return d is null ? null : MongoMapping.ToAlert(d);
    }

    public async ValueTask<IReadOnlyList<Alert>> QueryAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        // A listener catching up reads forwards; a person browsing reads the newest first.
        var docs = await db.AlertCollection.Find(MongoQueries.AlertQuery(query))
            .Project<AlertDocument>(MongoQueries.WithoutHistory)
            .Sort(query.AfterId is null ? MongoQueries.NewestFirst : MongoQueries.OldestFirst)
            .Skip(query.Skip).Limit(query.Take)
            .ToListAsync(cancellationToken);
        return [.. docs.Select(MongoMapping.ToAlert)];
    }

    public async ValueTask<bool> TryUpdateAsync(Alert updated, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        // One document: the version filter and the update are atomic without a transaction.
        var result = await db.AlertCollection.UpdateOneAsync(MongoQueries.AlertAtVersion(updated.Id, updated.Version - 1),
            MongoQueries.ChangeAlert(updated), cancellationToken: cancellationToken);
        return result.MatchedCount == 1;
    }
}
