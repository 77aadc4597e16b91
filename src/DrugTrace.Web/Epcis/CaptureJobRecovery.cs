using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Web.Epcis;

/// <summary>
/// At start, ends the capture jobs a previous run left running. A job's events are stored in one
/// transaction, so a job cut off by a restart stored all of them or (far more likely: the end is
/// written right after) none. At stop, lets running jobs finish.
/// With several instances on one MongoDB, a job still running on another instance when this one
/// starts is marked too, and its own end, written when it finishes, replaces the mark.
/// </summary>
public sealed class CaptureJobRecovery(ICaptureJobStore store, CaptureJobs jobs, TimeProvider clock, ILogger<CaptureJobRecovery> logger) : IHostedService
{
    public const string Interrupted =
        "The capture was cut off by a restart of DrugTrace before its end was recorded. Its events were stored together or not at all: "
        + "query them to see whether they were, or capture the document again (an event already recorded is recognised by its event ID).";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ended = await store.AbandonRunningAsync(now, Interrupted, now, cancellationToken);
        if (ended > 0) logger.LogWarning("{Count} capture job(s) cut off by a restart were ended", ended);
    }

    public Task StopAsync(CancellationToken cancellationToken) => jobs.DrainAsync().WaitAsync(cancellationToken);
}
