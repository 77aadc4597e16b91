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
    public void Invalidating_one_key_forgets_it_alone_and_drops_every_offer_read_before()
    {
        var cache = new ReadCache<string, int>();
        var before = cache.Generation;
        cache.Offer("a", 1, before);
        cache.Offer("b", 2, before);

        cache.Invalidate("a");

        Assert.False(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("b", out var kept));
        Assert.Equal(2, kept);
        Assert.Equal(1, cache.Count);
        // A read of any key that began before the change may have seen the old row of "a".
        cache.Offer("c", 3, before);
        Assert.False(cache.TryGet("c", out _));
        cache.Offer("a", 4, cache.Generation);
        Assert.True(cache.TryGet("a", out var again));
        Assert.Equal(4, again);
    }

    [Fact]
    public void At_capacity_new_keys_are_not_kept_but_kept_ones_are_updated_and_a_forgotten_one_makes_room()
    {
        var cache = new ReadCache<string, int>(capacity: 2);
        cache.Offer("a", 1, cache.Generation);
        cache.Offer("b", 2, cache.Generation);
        cache.Offer("c", 3, cache.Generation);
        Assert.False(cache.TryGet("c", out _));
        Assert.Equal(2, cache.Count);

        cache.Offer("a", 10, cache.Generation);
        Assert.True(cache.TryGet("a", out var updated));
        Assert.Equal(10, updated);

        cache.Invalidate("b");
        cache.Offer("c", 3, cache.Generation);
        Assert.True(cache.TryGet("c", out _));
        cache.Invalidate();
        Assert.Equal(0, cache.Count);
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
