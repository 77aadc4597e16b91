using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

public class LogTilesTests
{
    [Fact]
    public void A_full_tile_has_no_width_in_its_path_and_a_partial_one_does()
    {
        Assert.Equal("tile/0/x001/x234/067", LogTiles.Path(0, 1_234_067, LogTiles.Width));
        Assert.Equal("tile/2/005.p/17", LogTiles.Path(2, 5, 17));
    }

    [Fact]
    public void The_last_leaf_of_a_level_7_tile_completes_all_seven_levels()
    {
        var size = 1L << (LogTiles.Height * LogTiles.MaxLevel);
        var nodes = LogTiles.NodesCompletedBy(size - 1).ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], nodes.Select(n => n.TileLevel));
        Assert.Equal(0, nodes[^1].Index);
    }

    [Theory]
    [InlineData("y001/067")]   // a leading group not prefixed with x
    [InlineData("0a1")]        // not all digits
    [InlineData("x009/x223/x372/x036/x854/x775/x807/000")] // beyond a long
    public void Malformed_or_too_large_indexes_are_refused(string text)
    {
        Assert.False(LogTiles.TryParseIndex(text, out _));
    }

    [Fact]
    public void The_largest_index_that_fits_the_guard_reads()
    {
        Assert.True(LogTiles.TryParseIndex("x009/x223/x372/x036/x854/x774/999", out var index));
        Assert.Equal(9_223_372_036_854_774_999L, index);
    }
}
