using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

public class TileNodesTests
{
    private static Hash256 H(byte b) => Hash256.FromBytes([.. Enumerable.Repeat(b, Hash256.Size)]);

    [Fact]
    public void A_node_of_a_tile_not_fetched_or_too_short_is_refused_in_words()
    {
        var nodes = new TileNodes(10);
        var missing = Assert.Throws<InvalidOperationException>(() => nodes.Node(0, 0));
        Assert.Equal("Tile 0/0 was not fetched.", missing.Message);

        nodes.Add(0, 0, [H(1), H(2), H(3)]);
        Assert.Equal(H(3), nodes.Node(0, 2));
        Assert.Equal(Rfc6962.NodeHash(H(1), H(2)), nodes.Node(1, 0));
        var shortTile = Assert.Throws<InvalidOperationException>(() => nodes.Node(1, 2));
        Assert.Equal("Tile 0/0 holds 3 hashes, node 1/2 needs 6.", shortTile.Message);
    }
}
