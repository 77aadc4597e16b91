using DrugTrace.Application.Common.Security;

namespace DrugTrace.Application.Tests.Common.Security;

public sealed class BootstrapKeyTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void A_key_matches_itself_trimmed_and_nothing_else()
    {
        var key = new BootstrapKey($"  {Key}\n");
        Assert.True(key.IsConfigured);
        Assert.True(key.Matches(Key));
        Assert.True(key.Matches($" {Key} "));
        Assert.False(key.Matches(Key.ToUpperInvariant()));
        Assert.False(key.Matches(Key + "0"));
        Assert.False(key.Matches(Key[..^1]));
        Assert.False(key.Matches(""));
        Assert.False(key.Matches(null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_key_is_not_configured_and_matches_nothing(string? configured)
    {
        var key = new BootstrapKey(configured);
        Assert.False(key.IsConfigured);
        Assert.False(key.Matches(configured));
        Assert.False(key.Matches(Key));
    }

    [Fact]
    public void A_key_shorter_than_32_characters_is_refused_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new BootstrapKey($" {Key[..31]} "));
        Assert.Equal("Bootstrap:RegulatorKey must be at least 32 characters (use e.g. `openssl rand -hex 32`).", error.Message);
        Assert.True(new BootstrapKey(Key).IsConfigured);
    }
}
