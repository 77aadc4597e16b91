namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The read cache keeps what a read offers in the current generation only.</summary>
public sealed class ReadCacheTests
{
    [Fact]
    public void An_offer_in_the_current_generation_is_kept()
    {
        var cache = new ReadCache<string, int>();
        Assert.False(cache.TryGet("a", out _));
        cache.Offer("a", 1, cache.Generation);
        Assert.True(cache.TryGet("a", out var value));
        Assert.Equal(1, value);
    }

    [Fact]
    public void Invalidate_forgets_and_an_offer_read_before_it_is_dropped()
    {
        var cache = new ReadCache<string, int>();
        var before = cache.Generation;
        cache.Offer("a", 1, before);

        cache.Invalidate();

        Assert.NotEqual(before, cache.Generation);
        Assert.False(cache.TryGet("a", out _));
        cache.Offer("b", 2, before);
        Assert.False(cache.TryGet("b", out _));
        cache.Offer("b", 3, cache.Generation);
        Assert.True(cache.TryGet("b", out var value));
        Assert.Equal(3, value);
    }

    [Fact]
    public void Every_invalidation_is_a_new_generation()
    {
        var cache = new ReadCache<string, int>();
        var first = cache.Generation;
        cache.Invalidate();
        var second = cache.Generation;
        cache.Invalidate();
        cache.Offer("a", 1, second);
        Assert.False(cache.TryGet("a", out _));
        Assert.NotEqual(first, second);
    }
}
