namespace DrugTrace.Application.Common.Idempotency;

/// <summary>How long keys are kept (section "Idempotency").</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>A key's answer is replayed for this long after the first request; then the key is new again.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// A key claimed by a request that never finished (the process died) is taken over after this long.
    /// Until then a repeat is told the first is still running (409).
    /// </summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(5);
}
