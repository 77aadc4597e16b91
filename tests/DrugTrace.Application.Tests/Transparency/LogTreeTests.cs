using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Application.Tests.Transparency;

/// <summary>Roots and proofs from the tiles the store keeps, checked against roots computed from the leaves.</summary>
public sealed class LogTreeTests
{
    [Fact]
    public async Task The_empty_log_has_the_empty_root_without_reading_a_tile()
    {
        var store = new InMemoryLogTreeStore();
        var tree = new LogTree(store);

        Assert.Equal(0, await tree.SizeAsync(default));
        Assert.Equal(Rfc6962.EmptyRoot, await tree.RootAsync(0, default));
        Assert.Equal(0, store.TileReads);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(256)]
    [InlineData(600)]
    public async Task Roots_at_every_size_match_the_leaves(int size)
    {
        var store = new InMemoryLogTreeStore().Grow(600);
        var tree = new LogTree(store);

        Assert.Equal(600, await tree.SizeAsync(default));
        Assert.Equal(store.Root(size), await tree.RootAsync(size, default));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 9)]
    [InlineData(300, 600)]
    [InlineData(599, 600)]
    public async Task An_inclusion_proof_gives_the_leaf_and_verifies_against_the_root(long index, long size)
    {
        var store = new InMemoryLogTreeStore().Grow(600);
        var tree = new LogTree(store);

        var (leaf, proof) = await tree.InclusionAsync(index, size, default);

        Assert.Equal(store.Leaves[(int)index], leaf);
        Assert.True(ProofVerifier.VerifyInclusion(index, size, leaf, proof, store.Root(size)).IsValid);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(7, 300)]
    [InlineData(256, 600)]
    [InlineData(600, 600)]
    public async Task A_consistency_proof_verifies_between_the_two_roots(long from, long to)
    {
        var store = new InMemoryLogTreeStore().Grow(600);
        var tree = new LogTree(store);

        var proof = await tree.ConsistencyAsync(from, to, default);

        Assert.True(ProofVerifier.VerifyConsistency(from, to, proof, store.Root(from), store.Root(to)).IsValid);
    }

    [Fact]
    public async Task A_tile_the_store_cannot_fill_is_an_error_naming_it()
    {
        var store = new InMemoryLogTreeStore().Grow(600);
        store.Damaged.Add((0, 2));
        var tree = new LogTree(store);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => tree.RootAsync(600, default).AsTask());
        Assert.Equal("The log's tree lacks hashes of tile 0/2: 87 of 88.", error.Message);
    }

    [Fact]
    public async Task Full_upper_tiles_are_read_once_and_leaf_tiles_every_time()
    {
        var store = new InMemoryLogTreeStore().Grow(LogTiles.Width * LogTiles.Width + 3);
        var tree = new LogTree(store);
        var size = store.Leaves.Count;

        // Leaf 0's proof needs the nodes of the full level-1 tile 0 as well as its own leaf tile.
        var (leaf, proof) = await tree.InclusionAsync(0, size, default);
        Assert.True(ProofVerifier.VerifyInclusion(0, size, leaf, proof, store.Root(size)).IsValid);
        var first = store.TileReads;
        var (again, proofAgain) = await tree.InclusionAsync(0, size, default);
        var second = store.TileReads - first;

        Assert.Equal(leaf, again);
        Assert.Equal(proof, proofAgain);
        Assert.Equal(first - 1, second);
    }

    [Fact]
    public async Task A_leaf_rewritten_in_the_partial_edge_tile_is_seen_by_the_next_root()
    {
        var store = new InMemoryLogTreeStore().Grow(LogTiles.Width + 9);
        var tree = new LogTree(store);
        var size = store.Leaves.Count;
        var before = await tree.RootAsync(size, default);

        store.Rewrite(LogTiles.Width + 4);

        var after = await tree.RootAsync(size, default);
        Assert.NotEqual(before, after);
        Assert.Equal(store.Root(size), after);
    }

    [Fact]
    public async Task A_rewritten_leaf_is_seen_by_the_next_root_because_leaf_tiles_are_not_cached()
    {
        var store = new InMemoryLogTreeStore().Grow(LogTiles.Width * 2);
        var tree = new LogTree(store);
        var before = await tree.RootAsync(LogTiles.Width * 2, default);

        store.Rewrite(3);

        var after = await tree.RootAsync(LogTiles.Width * 2, default);
        Assert.NotEqual(before, after);
        Assert.Equal(store.Root(LogTiles.Width * 2), after);
    }
}
