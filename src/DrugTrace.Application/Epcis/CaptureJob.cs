namespace DrugTrace.Application.Epcis;

/// <summary>
/// One EPCIS capture job, as GET /epcis/capture/{id} shows it and as the store keeps it: running
/// until its events were applied or refused; <see cref="Errors"/> names each event not applied and why
/// (event -1: the job as a whole). Only the capturing party (<see cref="Owner"/>) and regulators see it.
/// </summary>
public sealed record CaptureJob(
    string CaptureID,
    string Owner,
    string CaptureErrorBehaviour,
    int Events,
    DateTimeOffset CreatedAt,
    bool Running = true,
    bool Success = false,
    int Applied = 0,
    IReadOnlyList<CaptureRefusal>? Errors = null,
    DateTimeOffset? FinishedAt = null)
{
    public IReadOnlyList<CaptureRefusal> Errors { get; init; } = Errors ?? [];

    /// <summary>The job once its events were applied or refused.</summary>
    public CaptureJob Finished(int applied, IReadOnlyList<CaptureRefusal> errors, DateTimeOffset now) =>
        this with { Running = false, Success = errors.Count == 0, Applied = applied, Errors = errors, FinishedAt = now };
}
