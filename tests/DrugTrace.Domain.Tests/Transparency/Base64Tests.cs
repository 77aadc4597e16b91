using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

public class Base64Tests
{
    [Fact]
    public void Canonical_text_decodes()
    {
        Assert.True(Base64.TryDecodeCanonical("AAE=", out var bytes));
        Assert.Equal(new byte[] { 0, 1 }, bytes);
    }

    [Theory]
    [InlineData("")]      // empty: no value
    [InlineData("AAE")]   // not a multiple of 4
    [InlineData("!!!!")]  // not base64
    [InlineData("AAF=")]  // stray padding bits: AAE= is the one spelling of 00 01
    public void Anything_else_is_refused_with_no_bytes(string text)
    {
        Assert.False(Base64.TryDecodeCanonical(text, out var bytes));
        Assert.Empty(bytes);
    }
}
