namespace DrugTrace.E2E;

/// <summary>A [Theory] that is skipped, with the reason, when Chromium or ffmpeg is missing outside CI.</summary>
public sealed class E2ETheoryAttribute : TheoryAttribute
{
    public E2ETheoryAttribute()
    {
        if (E2EEnvironment.SkipReason is { } reason) Skip = reason;
    }
}
