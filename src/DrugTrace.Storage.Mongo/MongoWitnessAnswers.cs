using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>witnessAnswers: each witness's last answer, replaced (upserted) by URL.</summary>
internal sealed class MongoWitnessAnswers(MongoContext db) : IWitnessAnswers
{
    public async ValueTask<WitnessAnswer?> FindAsync(string url, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var d = await db.WitnessAnswerCollection.Find(MongoQueries.WitnessAnswerOf(url)).FirstOrDefaultAsync(cancellationToken);
        return d is null ? null : Map(d);
    }

    public async ValueTask<IReadOnlyList<WitnessAnswer>> ListAsync(CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var docs = await db.WitnessAnswerCollection.Find(FilterDefinition<WitnessAnswerDocument>.Empty).Sort(MongoQueries.WitnessAnswerOrder)
            .ToListAsync(cancellationToken);
        return [.. docs.Select(Map)];
    }

    public async ValueTask SaveAsync(WitnessAnswer answer, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        await db.WitnessAnswerCollection.ReplaceOneAsync(MongoQueries.WitnessAnswerOf(answer.Url), ToDocument(answer),
            new ReplaceOptions { IsUpsert = true }, cancellationToken);
    }

    internal static WitnessAnswerDocument ToDocument(WitnessAnswer a) => new()
    {
        Url = a.Url, Name = a.Name, TreeSize = a.Size, Status = a.Status, Detail = a.Detail, At = MongoMapping.Utc(a.At),
    };

    internal static WitnessAnswer Map(WitnessAnswerDocument d) =>
        new(d.Url, d.Name, d.TreeSize, d.Status, d.Detail, MongoMapping.Time(d.At));
}
