namespace DrugTrace.Web.Epcis;

/// <summary>
/// One EPCIS capture job, as GET /epcis/capture/{id} shows it: running until every event was
/// applied or refused; <see cref="Errors"/> names each event that was not applied and why.
/// </summary>
public sealed class CaptureJob(string captureId, string owner, string errorBehaviour, int events)
{
    private readonly Lock _gate = new();
    private readonly List<CaptureError> _errors = [];

    public string CaptureID { get; } = captureId;
    public string Owner { get; } = owner;
    public string CaptureErrorBehaviour { get; } = errorBehaviour;
    public int Events { get; } = events;
    public int Applied { get; private set; }
    public bool Running { get; private set; } = true;
    public bool Success { get; private set; }

    public IReadOnlyList<CaptureError> Errors
    {
        get { lock (_gate) return [.. _errors]; }
    }

    public void Fail(int index, string? eventId, string reason)
    {
        lock (_gate) _errors.Add(new CaptureError(index, eventId, reason));
    }

    public void CountApplied(int events)
    {
        lock (_gate) Applied += events;
    }

    public void Finish()
    {
        lock (_gate)
        {
            Success = _errors.Count == 0;
            Running = false;
        }
    }
}

/// <summary>An event of the document (0-based index) that was not applied.</summary>
public sealed record CaptureError(int Event, string? EventID, string Reason);
