using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Storage.Contract;

/// <summary>
/// What every store's Idempotency-Key claims must do: one claim per (party, key), atomically;
/// the answer kept; a failed request's claim released; expired and abandoned claims taken over.
/// A store's test class derives from this; see <see cref="LedgerStoreContractTests"/> for skipping.
/// </summary>
public abstract class IdempotencyStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 1, 0, 0, 123, TimeSpan.Zero);
    private const string Pharmacy = "4012347000014", Wholesaler = "4012346000015";

    protected abstract IIdempotencyStore Keys { get; }

    protected virtual void RequireStore()
    {
    }

    private static IdempotencyClaim Claim(string actor, string key, string hash, DateTimeOffset at) =>
        new(actor, key, hash, at, at - TimeSpan.FromHours(24), at - TimeSpan.FromMinutes(5));

    [SkippableFact]
    public async Task The_first_claim_holds_the_key_until_its_answer_is_kept_and_then_replays_it()
    {
        RequireStore();
        var claim = Claim(Pharmacy, "k-1", "hash-a", Now);
        Assert.Null(await Keys.ClaimAsync(claim, default));

        var running = await Keys.ClaimAsync(claim with { At = Now.AddSeconds(1) }, default);
        Assert.Equal(new IdempotencyEntry("hash-a", null, Now), running);

        await Keys.CompleteAsync(claim, """{"verdict":"ok"}""", default);
        var other = await Keys.ClaimAsync(Claim(Pharmacy, "k-1", "hash-b", Now.AddMinutes(10)), default);
        Assert.Equal(new IdempotencyEntry("hash-a", """{"verdict":"ok"}""", Now), other);
    }

    [SkippableFact]
    public async Task Keys_are_per_party()
    {
        RequireStore();
        Assert.Null(await Keys.ClaimAsync(Claim(Pharmacy, "shared", "hash-a", Now), default));
        Assert.Null(await Keys.ClaimAsync(Claim(Wholesaler, "shared", "hash-a", Now), default));
        Assert.NotNull(await Keys.ClaimAsync(Claim(Pharmacy, "shared", "hash-a", Now), default));
    }

    [SkippableFact]
    public async Task A_released_claim_can_be_claimed_again_and_a_kept_answer_is_never_released()
    {
        RequireStore();
        var claim = Claim(Pharmacy, "k-2", "hash-a", Now);
        Assert.Null(await Keys.ClaimAsync(claim, default));
        await Keys.ReleaseAsync(claim, default);
        var again = claim with { At = Now.AddSeconds(2) };
        Assert.Null(await Keys.ClaimAsync(again, default));

        await Keys.CompleteAsync(again, "answer", default);
        await Keys.ReleaseAsync(again, default);
        Assert.Equal("answer", (await Keys.ClaimAsync(again, default))?.Answer);
    }

    [SkippableFact]
    public async Task An_expired_entry_or_an_abandoned_claim_is_taken_over_but_a_running_one_is_not()
    {
        RequireStore();
        var answered = Claim(Pharmacy, "old", "hash-a", Now);
        Assert.Null(await Keys.ClaimAsync(answered, default));
        await Keys.CompleteAsync(answered, "answer", default);
        // An answered key is kept past the abandonment time, and is new again after the retention.
        Assert.NotNull(await Keys.ClaimAsync(Claim(Pharmacy, "old", "hash-b", Now.AddHours(1)), default));
        Assert.Null(await Keys.ClaimAsync(Claim(Pharmacy, "old", "hash-b", Now.AddHours(25)), default));

        var running = Claim(Pharmacy, "stuck", "hash-a", Now);
        Assert.Null(await Keys.ClaimAsync(running, default));
        Assert.Null((await Keys.ClaimAsync(Claim(Pharmacy, "stuck", "hash-a", Now.AddMinutes(4)), default))!.Answer);
        var takeover = Claim(Pharmacy, "stuck", "hash-a", Now.AddMinutes(6));
        Assert.Null(await Keys.ClaimAsync(takeover, default));
        // The abandoned request's late answer or release no longer touches the new claim.
        await Keys.CompleteAsync(running, "late", default);
        await Keys.ReleaseAsync(running, default);
        Assert.Equal(new IdempotencyEntry("hash-a", null, takeover.At), await Keys.ClaimAsync(takeover with { At = Now.AddMinutes(7) }, default));
    }

    [SkippableFact]
    public async Task Of_many_claims_of_one_key_at_once_exactly_one_wins()
    {
        RequireStore();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await Keys.ClaimAsync(Claim(Pharmacy, "race", "hash-" + i, Now.AddMilliseconds(i)), default);
        })).ToList();
        gate.SetResult();
        var results = await Task.WhenAll(claims);

        Assert.Single(results, r => r is null);
        var winner = Assert.Single(results.Where(r => r is not null).Select(r => r!.RequestHash).Distinct());
        Assert.StartsWith("hash-", winner);
    }
}
