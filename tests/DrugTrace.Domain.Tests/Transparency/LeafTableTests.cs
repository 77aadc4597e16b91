using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

public class LeafTableTests
{
    private static Hash256 Leaf(long i) => Rfc6962.LeafHash(Hash256.FromBytes(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(65_537)]
    [InlineData(300_001)] // past four chunks: the halves are folded side by side
    public void Leaves_set_in_any_order_fold_to_the_root_of_the_leaves_in_order(int size)
    {
        var leaves = Enumerable.Range(0, size).Select(i => Leaf(i)).ToArray();
        var table = new LeafTable();
        // Backwards, from two threads: the order of arrival must not matter.
        Parallel.For(0, 2, half => { for (var i = size - 1 - half; i >= 0; i -= 2) Assert.True(table.TrySet(i, leaves[i])); });

        Assert.Equal(size, table.Size);
        Assert.Empty(table.Gaps(size));
        Assert.Equal(Rfc6962.Root(leaves), table.Root(size));
        Assert.Equal(Rfc6962.Root(leaves.AsSpan(0, size / 2 + 1)), table.Root(size / 2 + 1));
    }

    [Fact]
    public void An_index_is_set_once()
    {
        var table = new LeafTable();
        Assert.True(table.TrySet(5, Leaf(5)));
        Assert.False(table.TrySet(5, Leaf(6)));
        Assert.True(table.IsSet(5));
        Assert.False(table.IsSet(4));
        Assert.False(table.IsSet(-1));
        Assert.False(table.IsSet(6));
        Assert.Equal(6, table.Size);
    }

    [Fact]
    public void Gaps_are_the_runs_of_unset_indexes_below_the_size()
    {
        var table = new LeafTable();
        foreach (var i in new long[] { 1, 2, 6, 70_000 }) table.TrySet(i, Leaf(i));

        Assert.Equal([(0L, 0L), (3L, 5L), (7L, 69_999L)], table.Gaps(table.Size));
        Assert.Equal([(0L, 0L), (3L, 4L)], table.Gaps(5));
        Assert.Empty(new LeafTable().Gaps(0));
    }

    [Fact]
    public void The_empty_table_has_the_empty_root_and_no_root_past_its_size()
    {
        var table = new LeafTable();
        Assert.Equal(0, table.Size);
        Assert.Equal(Rfc6962.EmptyRoot, table.Root(0));
        table.TrySet(0, Leaf(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Root(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Root(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.TrySet(-1, Leaf(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.TrySet(1L << 32, Leaf(0)));
    }
    [Fact]
    public void Refusals_name_the_range_and_the_first_leaf_of_a_chunk_never_touched()
    {
        var table = new LeafTable();
        var index = Assert.Throws<ArgumentOutOfRangeException>(() => table.TrySet(-1, Leaf(0)));
        Assert.StartsWith("A log index is between 0 and 2^32 - 1.", index.Message, StringComparison.Ordinal);
        table.TrySet(0, Leaf(0));
        var size = Assert.Throws<ArgumentOutOfRangeException>(() => table.Root(2));
        Assert.StartsWith("The table holds 1 leaves.", size.Message, StringComparison.Ordinal);

        // Leaves 0 and 2 * 65,536: the chunk of 65,536..131,071 was never allocated.
        table.TrySet(2 * 65_536, Leaf(1));
        var gap = Assert.Throws<InvalidOperationException>(() => table.Root(table.Size));
        Assert.Equal("No leaf was set at index 65536.", gap.Message);
    }
}
