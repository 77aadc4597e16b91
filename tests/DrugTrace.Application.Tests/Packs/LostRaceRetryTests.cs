using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Packs;

namespace DrugTrace.Application.Tests.Packs;

public class LostRaceRetryTests
{
    [Fact]
    public async Task A_first_attempt_that_wins_is_the_answer()
    {
        var calls = 0;
        var answer = await LostRaceRetry.RunAsync(() => { calls++; return ValueTask.FromResult<string?>("done"); });
        Assert.Equal(("done", 1), (answer, calls));
    }

    [Fact]
    public async Task Lost_races_are_run_again_until_one_wins()
    {
        var calls = 0;
        var answer = await LostRaceRetry.RunAsync(() => ValueTask.FromResult(++calls < 3 ? null : $"won on {calls}"));
        Assert.Equal("won on 3", answer);
    }

    [Fact]
    public async Task Too_many_lost_races_in_a_row_are_a_conflict_after_exactly_the_limit()
    {
        var calls = 0;
        var e = await Assert.ThrowsAsync<ConflictException>(async () =>
            await LostRaceRetry.RunAsync(() => { calls++; return ValueTask.FromResult<string?>(null); }));
        Assert.Equal(LostRaceRetry.MaxAttempts, calls);
        Assert.Contains("scan it again", e.Message);
    }
}
