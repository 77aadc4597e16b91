using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>Claims per (actor, key) in a dictionary, with the store contract's expiry and take-over of abandoned claims.</summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    public Dictionary<(string Actor, string Key), IdempotencyEntry> Entries { get; } = [];

    public List<IdempotencyClaim> Claims { get; } = [];

    public ValueTask<IdempotencyEntry?> ClaimAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        Claims.Add(claim);
        if (Entries.TryGetValue((claim.Actor, claim.Key), out var held)
            && held.CreatedAt >= claim.ExpiredBefore && (held.Answer is not null || held.CreatedAt >= claim.AbandonedBefore))
            return ValueTask.FromResult<IdempotencyEntry?>(held);
        Entries[(claim.Actor, claim.Key)] = new IdempotencyEntry(claim.RequestHash, null, claim.At);
        return ValueTask.FromResult<IdempotencyEntry?>(null);
    }

    public ValueTask CompleteAsync(IdempotencyClaim claim, string answer, CancellationToken cancellationToken)
    {
        Entries[(claim.Actor, claim.Key)] = new IdempotencyEntry(claim.RequestHash, answer, claim.At);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        Entries.Remove((claim.Actor, claim.Key));
        return ValueTask.CompletedTask;
    }
}
