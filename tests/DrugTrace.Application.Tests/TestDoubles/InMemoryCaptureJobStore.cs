using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Epcis;

namespace DrugTrace.Application.Tests.TestDoubles;

public sealed class InMemoryCaptureJobStore : ICaptureJobStore
{
    private readonly Dictionary<string, CaptureJob> _jobs = new(StringComparer.Ordinal);

    public List<string> Lookups { get; } = [];

    public ValueTask AddAsync(CaptureJob job, CancellationToken cancellationToken)
    {
        _jobs.Add(job.CaptureID, job);
        return ValueTask.CompletedTask;
    }

    public ValueTask FinishAsync(CaptureJob job, CancellationToken cancellationToken)
    {
        _jobs[job.CaptureID] = job;
        return ValueTask.CompletedTask;
    }

    public ValueTask<CaptureJob?> FindAsync(string captureId, CancellationToken cancellationToken)
    {
        Lookups.Add(captureId);
        return ValueTask.FromResult(_jobs.GetValueOrDefault(captureId));
    }

    public ValueTask<int> AbandonRunningAsync(DateTimeOffset before, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
