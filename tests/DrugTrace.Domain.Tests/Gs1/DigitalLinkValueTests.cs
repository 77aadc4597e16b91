using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public sealed class DigitalLinkValueTests
{
    [Theory]
    [InlineData(".", "%2E")]
    [InlineData("..", "%2E%2E")]
    [InlineData("...", "...")]
    [InlineData(".a", ".a")]
    [InlineData("a/../b", "a%2F..%2Fb")]
    [InlineData("%2E", "%252E")]
    [InlineData("?#", "%3F%23")]
    [InlineData("A-b_9", "A-b_9")]
    public void Only_a_whole_dot_segment_is_escaped_beyond_what_EscapeDataString_does(string value, string escaped)
    {
        Assert.Equal(escaped, DigitalLinkValue.Escape(value));
        Assert.Equal(value, Uri.UnescapeDataString(escaped));
    }
}
