using DrugTrace.Application.Epcis;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Epcis;

/// <summary>A capture job as created, as read back from a store, and once finished.</summary>
public sealed class CaptureJobTests
{
    [Fact]
    public void A_new_job_is_running_with_no_errors_and_one_read_back_keeps_its_errors()
    {
        var job = new CaptureJob("c1", Maker.Gln, "proceed", 3, Start);
        Assert.Equal((true, false, 0, null), (job.Running, job.Success, job.Applied, job.FinishedAt));
        Assert.NotNull(job.Errors);
        Assert.Empty(job.Errors);

        CaptureRefusal[] errors = [new(1, null, "The event has no epcList.")];
        Assert.Equal(errors, new CaptureJob("c1", Maker.Gln, "proceed", 3, Start, Running: false, Applied: 2, Errors: errors, FinishedAt: Start).Errors);
    }

    [Fact]
    public void A_finished_job_stops_running_and_succeeds_only_without_errors()
    {
        var job = new CaptureJob("c1", Maker.Gln, "proceed", 3, Start);
        var end = Start.AddSeconds(2);

        var clean = job.Finished(3, [], end);
        Assert.Equal((false, true, 3, (DateTimeOffset?)end), (clean.Running, clean.Success, clean.Applied, clean.FinishedAt));

        CaptureRefusal[] errors = [new(2, "ni:///x", "Refused.")];
        var refused = job.Finished(2, errors, end);
        Assert.Equal((false, false, 2), (refused.Running, refused.Success, refused.Applied));
        Assert.Equal(errors, refused.Errors);
    }
}
