using DrugTrace.Application.Epcis;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>EPCIS capture jobs, kept so that a job can be followed across a restart.</summary>
public interface ICaptureJobStore
{
    /// <summary>Stores a new (running) job.</summary>
    ValueTask AddAsync(CaptureJob job, CancellationToken cancellationToken);

    /// <summary>Stores the job's end: applied, success, errors, finished at.</summary>
    ValueTask FinishAsync(CaptureJob job, CancellationToken cancellationToken);

    ValueTask<CaptureJob?> FindAsync(string captureId, CancellationToken cancellationToken);

    /// <summary>
    /// Ends every job still running that was created before <paramref name="before"/> (a restart
    /// cut it off) with <paramref name="reason"/> as its error; returns how many.
    /// </summary>
    ValueTask<int> AbandonRunningAsync(DateTimeOffset before, string reason, DateTimeOffset now, CancellationToken cancellationToken);
}
