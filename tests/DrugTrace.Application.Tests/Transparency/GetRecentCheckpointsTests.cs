using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Application.Tests.Transparency;

public sealed class GetRecentCheckpointsTests
{
    private readonly InMemoryCheckpointStore _store = new();

    public GetRecentCheckpointsTests()
    {
        for (var size = 1; size <= 250; size++)
            _store.AddAsync(new StoredCheckpoint(size, Rfc6962.EmptyRoot, TestWorld.Start, $"note {size}"), default).AsTask().GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyList<StoredCheckpoint>> Take(int take) =>
        await new GetRecentCheckpointsHandler(_store).Handle(new GetRecentCheckpoints(TestWorld.Regulator.Gln, take), default);

    [Fact]
    public async Task The_newest_come_first_twenty_by_default()
    {
        var recent = await new GetRecentCheckpointsHandler(_store).Handle(new GetRecentCheckpoints(TestWorld.Regulator.Gln), default);
        Assert.Equal(Enumerable.Range(231, 20).Reverse().Select(i => (long)i), recent.Select(c => c.Size));
    }

    [Theory]
    [InlineData(-5, 1)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(200, 200)]
    [InlineData(201, 200)]
    public async Task The_number_asked_for_is_kept_between_1_and_200(int take, int expected) =>
        Assert.Equal(expected, (await Take(take)).Count);
}
