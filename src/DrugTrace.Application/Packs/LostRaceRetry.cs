using DrugTrace.Application.Common.Exceptions;

namespace DrugTrace.Application.Packs;

/// <summary>
/// Optimistic appends: an attempt that lost the race to another handoff of the same pack answers
/// null and is run again on what the ledger holds now.
/// </summary>
public static class LostRaceRetry
{
    /// <summary>More lost races than this in a row means something is wrong, not just busy.</summary>
    public const int MaxAttempts = 8;

    public static async ValueTask<T> RunAsync<T>(Func<ValueTask<T?>> attempt) where T : class
    {
        for (var i = 0; i < MaxAttempts; i++)
        {
            if (await attempt() is { } done) return done;
        }
        throw new ConflictException("This pack is being changed by many scans at once; scan it again.");
    }
}
