using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Epcis;

namespace DrugTrace.Storage.Contract;

/// <summary>
/// What every store's EPCIS capture jobs must do: a job is kept as started, its end replaces its
/// state, and jobs a restart cut off are ended. See <see cref="LedgerStoreContractTests"/> for how a
/// store without its server skips.
/// </summary>
public abstract class CaptureJobStoreContractTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 2, 9, 0, 0, 123, TimeSpan.Zero);

    protected abstract ICaptureJobStore Jobs { get; }

    protected virtual void RequireStore()
    {
    }

    private static CaptureJob Job(string id, DateTimeOffset created, string owner = "4012345000016") =>
        new(id, owner, "rollback", 5, created);

    private static void Same(CaptureJob expected, CaptureJob? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.CaptureID, expected.Owner, expected.CaptureErrorBehaviour, expected.Events, expected.CreatedAt),
            (actual.CaptureID, actual.Owner, actual.CaptureErrorBehaviour, actual.Events, actual.CreatedAt));
        Assert.Equal((expected.Running, expected.Success, expected.Applied, expected.FinishedAt), (actual.Running, actual.Success, actual.Applied, actual.FinishedAt));
        Assert.Equal(expected.Errors, actual.Errors);
    }

    [SkippableFact]
    public async Task A_running_job_is_found_as_it_was_started()
    {
        RequireStore();
        Assert.Null(await Jobs.FindAsync("job-1", default));
        var job = Job("job-1", Created);
        await Jobs.AddAsync(job, default);

        var found = await Jobs.FindAsync("job-1", default);
        Same(job, found);
        Assert.True(found!.Running);
        Assert.False(found.Success);
        Assert.Null(found.FinishedAt);
        Assert.Null(await Jobs.FindAsync("job-2", default));
    }

    [SkippableFact]
    public async Task A_finished_job_keeps_its_counts_errors_and_end()
    {
        RequireStore();
        await Jobs.AddAsync(Job("ok", Created), default);
        await Jobs.AddAsync(Job("bad", Created), default);

        var ok = Job("ok", Created) with { Running = false, Success = true, Applied = 5, FinishedAt = Created.AddSeconds(2) };
        var bad = Job("bad", Created) with
        {
            Running = false, Applied = 0, FinishedAt = Created.AddSeconds(3),
            Errors = [new CaptureRefusal(2, "ni:///sha-256;abc?ver=CBV2.0", "the GTIN is unknown"), new CaptureRefusal(4, null, "no such lot")],
        };
        await Jobs.FinishAsync(ok, default);
        await Jobs.FinishAsync(bad, default);

        Same(ok, await Jobs.FindAsync("ok", default));
        Same(bad, await Jobs.FindAsync("bad", default));
    }

    [SkippableFact]
    public async Task Only_jobs_still_running_from_before_the_restart_are_abandoned()
    {
        RequireStore();
        var restart = Created.AddMinutes(10);
        var now = restart.AddSeconds(1);
        await Jobs.AddAsync(Job("old", Created), default);
        await Jobs.AddAsync(Job("old-finished", Created), default);
        await Jobs.FinishAsync(Job("old-finished", Created) with { Running = false, Success = true, Applied = 5, FinishedAt = Created.AddSeconds(1) }, default);
        await Jobs.AddAsync(Job("new", restart), default);

        Assert.Equal(1, await Jobs.AbandonRunningAsync(restart, "the service restarted", now, default));

        var old = await Jobs.FindAsync("old", default);
        Assert.False(old!.Running);
        Assert.False(old.Success);
        Assert.Equal(now, old.FinishedAt);
        Assert.Equal([new CaptureRefusal(-1, null, "the service restarted")], old.Errors);
        Assert.True((await Jobs.FindAsync("old-finished", default))!.Success);
        Assert.True((await Jobs.FindAsync("new", default))!.Running);
        Assert.Equal(0, await Jobs.AbandonRunningAsync(restart, "again", now, default));
    }
}
