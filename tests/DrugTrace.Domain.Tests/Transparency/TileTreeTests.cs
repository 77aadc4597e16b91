using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

public class TileTreeTests
{
    private static Hash256[] Hashes(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var bytes = new byte[Hash256.Size];
            random.NextBytes(bytes);
            return Hash256.FromBytes(bytes);
        })];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(15)]
    [InlineData(128)]
    [InlineData(200)]
    [InlineData(256)]
    public void Every_perfect_subtree_is_the_RFC_9162_root_of_its_hashes(int width)
    {
        var hashes = Hashes(width, width);
        var tree = new TileTree(hashes);

        Assert.Equal(width, tree.Width);
        for (var sub = 0; 1 << sub <= width; sub++)
            for (var offset = 0; offset + (1 << sub) <= width; offset += 1 << sub)
                Assert.Equal(Rfc6962.Root(hashes.AsSpan(offset, 1 << sub)), tree.Node(sub, offset));
    }

    [Theory]
    [InlineData(2, "A tile of 15 hashes has no perfect subtree of 2^2 hashes starting at 12.", 12)]
    [InlineData(1, "A tile of 15 hashes has no perfect subtree of 2^1 hashes starting at 3.", 3)]
    [InlineData(4, "A tile of 15 hashes has no perfect subtree of 2^4 hashes starting at 0.", 0)]
    [InlineData(0, "A tile of 15 hashes has no perfect subtree of 2^0 hashes starting at 15.", 15)]
    public void A_subtree_outside_the_tile_or_not_aligned_is_refused_in_words(int sub, string message, int offset)
    {
        var tree = new TileTree(Hashes(15, 1));
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => tree.Node(sub, offset));
        Assert.StartsWith(message, refused.Message);
    }

    [Fact]
    public void A_tile_node_answered_from_a_kept_tree_equals_one_from_its_hashes()
    {
        var hashes = Hashes(256, 7);
        var fromHashes = new TileNodes(1 << 16);
        fromHashes.Add(1, 0, hashes);
        var fromTree = new TileNodes(1 << 16);
        fromTree.Add(1, 0, new TileTree(hashes));

        for (var level = 8; level <= 15; level++)
            Assert.Equal(fromHashes.Node(level, 1), fromTree.Node(level, 1));
        Assert.Equal(Rfc6962.Root(hashes.AsSpan(128, 128)), fromTree.Node(15, 1));
    }
}
