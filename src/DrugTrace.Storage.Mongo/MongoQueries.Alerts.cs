using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal static partial class MongoQueries
{
    // --- alerts --------------------------------------------------------------------------

    /// <summary>The latest alert a repeat folds into: same key, not closed, seen within the window.</summary>
    public static FilterDefinition<AlertDocument> DedupeTarget(string dedupeKey, DateTimeOffset since) =>
        AlertFilter.Eq(a => a.DedupeKey, dedupeKey)
        & AlertFilter.Ne(a => a.Status, nameof(AlertStatus.Closed))
        & AlertFilter.Gte(a => a.LastSeenAt, MongoMapping.Utc(since));

    public static SortDefinition<AlertDocument> NewestFirst => Builders<AlertDocument>.Sort.Descending(a => a.Id);

    public static SortDefinition<AlertDocument> OldestFirst => Builders<AlertDocument>.Sort.Ascending(a => a.Id);

    public static UpdateDefinition<AlertDocument> Repeat(DateTimeOffset seenAt) => Builders<AlertDocument>.Update
        .Inc(a => a.Count, 1)
        .Set(a => a.LastSeenAt, MongoMapping.Utc(seenAt));

    public static FilterDefinition<AlertDocument> AlertById(long id) => AlertFilter.Eq(a => a.Id, id);

    /// <summary>The alert's optimistic check: still at the version the change was based on.</summary>
    public static FilterDefinition<AlertDocument> AlertAtVersion(long id, int version) =>
        AlertFilter.Eq(a => a.Id, id) & AlertFilter.Eq(a => a.Version, version);

    public static UpdateDefinition<AlertDocument> ChangeAlert(Alert updated)
    {
        var update = Builders<AlertDocument>.Update
            .Set(a => a.Status, updated.Status.ToString())
            .Set(a => a.Resolution, updated.Resolution?.ToString())
            .Set(a => a.Version, updated.Version);
        return updated.History.Count > 0 ? update.Push(a => a.History, MongoMapping.ToDocument(updated.History[^1])) : update;
    }

    /// <summary>A listing does not carry the history (as with SQLite); <see cref="IAlertStore.GetAsync"/> does.</summary>
    public static ProjectionDefinition<AlertDocument> WithoutHistory => Builders<AlertDocument>.Projection.Exclude(a => a.History);

    public static FilterDefinition<AlertDocument> AlertQuery(AlertQuery q)
    {
        var f = AlertFilter;
        var parts = new List<FilterDefinition<AlertDocument>>();
        if (q.VisibleTo is { } viewer) parts.Add(f.Eq(a => a.ScanningParty, viewer) | f.Eq(a => a.BrandOwner, viewer) | f.Eq(a => a.Custodian, viewer));
        if (q.Status is { } status) parts.Add(f.Eq(a => a.Status, status.ToString()));
        if (q.Kind is { } kind) parts.Add(f.Eq(a => a.Kind, kind.ToString()));
        if (q.MinSeverity is { } severity) parts.Add(f.Gte(a => a.Severity, (int)severity));
        if (q.Severity is { } exactly) parts.Add(f.Eq(a => a.Severity, (int)exactly));
        if (q.Gtin is { } gtin) parts.Add(f.Eq(a => a.PackGtin, gtin) | f.Eq(a => a.ScannedGtin, gtin));
        if (q.Party is { } party) parts.Add(f.Eq(a => a.ScanningParty, party));
        if (q.AfterId is { } after) parts.Add(f.Gt(a => a.Id, after));
        if (!q.IncludeScanningErrors) parts.Add(f.Eq(a => a.ProbableScanningError, false));
        if (q.CustodyExceptions is { } exceptions)
            parts.Add(exceptions ? f.Eq(a => a.Kind, nameof(AlertKind.CustodyException)) : f.Ne(a => a.Kind, nameof(AlertKind.CustodyException)));
        return parts.Count == 0 ? f.Empty : f.And(parts);
    }

    /// <summary>What the change stream of every instance listens to: alerts inserted, updated or replaced.</summary>
    /// <remarks>
    /// Watched as raw BSON: each alert is read on its own (<see cref="AlertChangeReader"/>), so one the
    /// driver cannot deserialize is skipped instead of failing the whole batch and the stream with it.
    /// </remarks>
    public static PipelineDefinition<ChangeStreamDocument<BsonDocument>, ChangeStreamDocument<BsonDocument>> AlertChanges =>
        new EmptyPipelineDefinition<ChangeStreamDocument<BsonDocument>>()
            .Match(new BsonDocument("operationType", new BsonDocument("$in", new BsonArray { "insert", "update", "replace" })));
}
