using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Epcis;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Epcis;

public sealed class GetCaptureJobTests
{
    private readonly InMemoryCaptureJobStore _jobs = new();
    private readonly CaptureJob _job = new("job1", Wholesaler.Gln, "rollback", 3, Start);

    public GetCaptureJobTests() => _jobs.AddAsync(_job, default).AsTask().GetAwaiter().GetResult();

    private ValueTask<CaptureJob> GetAsync(Party actor, string id) => new GetCaptureJobHandler(_jobs, ContextFor(actor)).Handle(new GetCaptureJob(actor.Gln, id), default);

    [Fact]
    public async Task Its_owner_and_a_regulator_get_the_job()
    {
        Assert.Same(_job, await GetAsync(Wholesaler, "job1"));
        Assert.Same(_job, await GetAsync(Regulator, "job1"));
    }

    [Fact]
    public async Task Another_partys_job_is_answered_like_a_missing_one()
    {
        var other = await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(OtherWholesaler, "job1").AsTask());
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(Wholesaler, "job2").AsTask());
        Assert.Equal("No capture job job1 of yours.", other.Message);
        Assert.Equal("No capture job job2 of yours.", missing.Message);
    }

    [Fact]
    public async Task An_empty_or_overlong_id_is_not_looked_up()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(Wholesaler, "").AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(Wholesaler, new string('a', 65)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(Wholesaler, new string('a', 64)).AsTask());
        Assert.Equal([new string('a', 64)], _jobs.Lookups);
    }
}
