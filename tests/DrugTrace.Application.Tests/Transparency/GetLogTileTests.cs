using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Application.Tests.Transparency;

/// <summary>Hash tiles as bytes: only tiles the log holds, each hash in its 32 bytes.</summary>
public sealed class GetLogTileTests
{
    private readonly InMemoryLogTreeStore _store = new InMemoryLogTreeStore().Grow(600);

    private ValueTask<byte[]> Get(int level, long index, int width) => new GetLogTileHandler(_store).Handle(new GetLogTile(level, index, width), default);

    private static Hash256[] Split(byte[] bytes) => [.. bytes.Chunk(32).Select(c => Hash256.FromBytes(c))];

    [Fact]
    public async Task A_full_leaf_tile_is_its_256_leaf_hashes_in_order()
    {
        var bytes = await Get(0, 1, LogTiles.Width);

        Assert.Equal(LogTiles.Width * 32, bytes.Length);
        Assert.Equal(_store.Leaves.Skip(256).Take(256), Split(bytes));
    }

    [Fact]
    public async Task A_partial_tile_holds_the_hashes_there_are()
    {
        var bytes = await Get(0, 2, 88);
        Assert.Equal(_store.Leaves.Skip(512), Split(bytes));

        var upper = Split(await Get(1, 0, 2));
        Assert.Equal([_store.Root(256), Rfc6962.Root(_store.Leaves.Skip(256).Take(256).ToArray())], upper);
    }

    [Theory]
    [InlineData(0, 2, 89, "tile/0/002.p/89")]
    [InlineData(0, 3, 1, "tile/0/003.p/1")]
    [InlineData(1, 0, 3, "tile/1/000.p/3")]
    [InlineData(2, 0, 1, "tile/2/000.p/1")]
    [InlineData(0, 2, 256, "tile/0/002")]
    public async Task A_tile_the_log_does_not_hold_yet_is_not_found(int level, long index, int width, string path)
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => Get(level, index, width).AsTask());
        Assert.Equal($"The log (size 600) does not hold tile {path} yet.", error.Message);
    }

    [Fact]
    public async Task A_store_that_lacks_hashes_it_should_hold_is_an_integrity_error()
    {
        _store.Damaged.Add((0, 1));
        var error = await Assert.ThrowsAsync<LogIntegrityException>(() => Get(0, 1, LogTiles.Width).AsTask());
        Assert.Equal("The log's tree lacks hashes of tile 0/1.", error.Message);
    }

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(7, 0, 256)]
    public void The_validator_accepts_the_edges(int level, long index, int width) =>
        Assert.Empty(new GetLogTileValidator().Validate(new GetLogTile(level, index, width)));

    [Theory]
    [InlineData(-1, 0, 1, "level", "The tile level must be 0 to 7.")]
    [InlineData(8, 0, 1, "level", "The tile level must be 0 to 7.")]
    [InlineData(0, -1, 1, "index", "The tile index must not be negative.")]
    [InlineData(0, 0, 0, "width", "A partial tile's width is 1 to 255.")]
    [InlineData(0, 0, 257, "width", "A partial tile's width is 1 to 255.")]
    public void The_validator_refuses_each_field_in_its_words(int level, long index, int width, string field, string message) =>
        Assert.Equal((field, message), Assert.Single(new GetLogTileValidator().Validate(new GetLogTile(level, index, width))));
}
