using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

internal static partial class MongoQueries
{
    // --- capture jobs --------------------------------------------------------------------

    private static readonly FilterDefinitionBuilder<CaptureJobDocument> JobFilter = Builders<CaptureJobDocument>.Filter;

    public static FilterDefinition<CaptureJobDocument> CaptureJob(string id) => JobFilter.Eq(j => j.Id, id);

    public static UpdateDefinition<CaptureJobDocument> FinishCaptureJob(Application.Epcis.CaptureJob job) => Builders<CaptureJobDocument>.Update
        .Set(j => j.Applied, job.Applied).Set(j => j.Running, job.Running).Set(j => j.Success, job.Success)
        .Set(j => j.Errors, MongoMapping.ToDocuments(job.Errors))
        .Set(j => j.FinishedAt, job.FinishedAt is { } f ? MongoMapping.Utc(f) : null);

    public static FilterDefinition<CaptureJobDocument> RunningCaptureJobsBefore(DateTimeOffset before) =>
        JobFilter.Eq(j => j.Running, true) & JobFilter.Lt(j => j.CreatedAt, MongoMapping.Utc(before));

    public static UpdateDefinition<CaptureJobDocument> AbandonCaptureJob(string reason, DateTimeOffset now) => Builders<CaptureJobDocument>.Update
        .Set(j => j.Running, false).Set(j => j.Success, false)
        .Set(j => j.Errors, [new CaptureErrorDocument { Event = -1, Reason = reason }])
        .Set(j => j.FinishedAt, MongoMapping.Utc(now));
}
