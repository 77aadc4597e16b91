using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Epcis;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The capture job store contract against a fresh SQLite file per test, and the running and success flags stored as given.</summary>
public sealed class SqliteCaptureJobStoreTests : CaptureJobStoreContractTests, IAsyncLifetime
{
    private static readonly DateTimeOffset Created = new(2026, 12, 2, 9, 0, 0, 123, TimeSpan.Zero);
    private readonly SqliteTestStore _store = new("drugtrace-capture-jobs-");

    protected override ICaptureJobStore Jobs => _store.Get<ICaptureJobStore>();

    [Fact]
    public async Task A_job_is_stored_running_or_not_and_succeeded_or_not_as_it_is_given()
    {
        await Jobs.AddAsync(new CaptureJob("running", "4012345000016", "rollback", 5, Created, Running: true), default);
        await Jobs.AddAsync(new CaptureJob("done", "4012345000016", "rollback", 5, Created, Running: false, Success: true, Applied: 5, FinishedAt: Created), default);

        var running = (await Jobs.FindAsync("running", default))!;
        var done = (await Jobs.FindAsync("done", default))!;
        Assert.Equal((true, false), (running.Running, running.Success));
        Assert.Equal((false, true), (done.Running, done.Success));
    }

    [Fact]
    public async Task A_finish_of_a_job_still_running_keeps_it_running()
    {
        var job = new CaptureJob("job-1", "4012345000016", "proceed", 5, Created);
        await Jobs.AddAsync(job, default);

        await Jobs.FinishAsync(job with { Applied = 3 }, default);

        var read = (await Jobs.FindAsync("job-1", default))!;
        Assert.Equal((true, 3), (read.Running, read.Applied));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
