using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Epcis;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>Capture jobs in the <c>capture_jobs</c> collection, one document each.</summary>
internal sealed class MongoCaptureJobStore(MongoContext db) : ICaptureJobStore
{
    public async ValueTask AddAsync(CaptureJob job, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        await db.CaptureJobCollection.InsertOneAsync(MongoMapping.ToDocument(job), cancellationToken: cancellationToken);
    }

    public async ValueTask FinishAsync(CaptureJob job, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        await db.CaptureJobCollection.UpdateOneAsync(MongoQueries.CaptureJob(job.CaptureID), MongoQueries.FinishCaptureJob(job),
            cancellationToken: cancellationToken);
    }

    public async ValueTask<CaptureJob?> FindAsync(string captureId, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var d = await db.CaptureJobCollection.Find(MongoQueries.CaptureJob(captureId)).FirstOrDefaultAsync(cancellationToken);
        return d is null ? null : MongoMapping.ToCaptureJob(d);
    }

    public async ValueTask<int> AbandonRunningAsync(DateTimeOffset before, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.EnsureReadyAsync(cancellationToken);
        var result = await db.CaptureJobCollection.UpdateManyAsync(MongoQueries.RunningCaptureJobsBefore(before),
            MongoQueries.AbandonCaptureJob(reason, now), cancellationToken: cancellationToken);
        return (int)result.ModifiedCount;
    }
}
