using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Application.Tests.Transparency;

public sealed class GetLogCheckpointTests
{
    [Fact]
    public async Task Before_the_first_checkpoint_it_is_not_found_with_a_hint()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => new GetLogCheckpointHandler(new InMemoryCheckpointStore()).Handle(new GetLogCheckpoint(), default).AsTask());
        Assert.Equal("The log has not signed a checkpoint yet; try again in a few seconds.", error.Message);
    }

    [Fact]
    public async Task The_latest_checkpoint_is_served()
    {
        var store = new InMemoryCheckpointStore();
        await store.AddAsync(new StoredCheckpoint(1, Rfc6962.EmptyRoot, TestWorld.Start, "one"), default);
        await store.AddAsync(new StoredCheckpoint(2, Rfc6962.EmptyRoot, TestWorld.Start, "two"), default);

        Assert.Equal("two", (await new GetLogCheckpointHandler(store).Handle(new GetLogCheckpoint(), default)).Note);
    }
}
