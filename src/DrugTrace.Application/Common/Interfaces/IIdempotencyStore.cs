namespace DrugTrace.Application.Common.Interfaces;

/// <summary>
/// The answers kept for <c>Idempotency-Key</c> repeats, per calling party and key. A claim is
/// atomic: of two requests with one key, exactly one gets it, so exactly one writes.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims the key for a request: null when the caller now holds it (no entry, or only one
    /// created before <see cref="IdempotencyClaim.ExpiredBefore"/>, or an unanswered one created
    /// before <see cref="IdempotencyClaim.AbandonedBefore"/>); otherwise the entry that holds it.
    /// </summary>
    ValueTask<IdempotencyEntry?> ClaimAsync(IdempotencyClaim claim, CancellationToken cancellationToken);

    /// <summary>Keeps the answer of the claim's request (only while the claim is unanswered and still this request's).</summary>
    ValueTask CompleteAsync(IdempotencyClaim claim, string answer, CancellationToken cancellationToken);

    /// <summary>Gives up an unanswered claim (the request failed and stored nothing), so that a repeat runs again.</summary>
    ValueTask ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken);
}

/// <param name="RequestHash">The fingerprint of the request (hex SHA-256): the same key with another one is refused.</param>
public sealed record IdempotencyClaim(
    string Actor,
    string Key,
    string RequestHash,
    DateTimeOffset At,
    DateTimeOffset ExpiredBefore,
    DateTimeOffset AbandonedBefore);

/// <param name="Answer">The stored answer (JSON), null while the first request is still running.</param>
public sealed record IdempotencyEntry(string RequestHash, string? Answer, DateTimeOffset CreatedAt);
