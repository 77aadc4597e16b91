using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

/// <summary>Digital Link paths and queries at their edges: '&amp;' in a path value, a full path with no key, two keys, a parameter without '='.</summary>
public sealed class DigitalLinkParserEdgeTests
{
    private const string Gtin = "09506000134352";
    private const string Sscc = "340123450000000017";

    private static Gs1ParseResult Parse(string input) => Gs1Parser.Parse(input, Gs1ParserTests.Today);

    [Fact]
    public void An_ampersand_in_a_path_value_without_a_query_stays_in_the_value()
    {
        var result = Parse($"https://id.gs1.org/01/{Gtin}/21/A&10=B");
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal([new AiElement("01", Gtin), new AiElement("21", "A&10=B")], result.Value.Elements);
    }

    [Fact]
    public void A_path_of_32_segments_without_a_GS1_key_is_refused_as_having_no_key()
    {
        var result = Parse("https://example.com/" + string.Join('/', Enumerable.Repeat("a", 32)));
        Assert.False(result.IsSuccess);
        Assert.Equal(Gs1ErrorCode.NotDigitalLink, result.Error.Code);
        Assert.Contains("its path has no GS1 key", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_leftmost_primary_key_of_the_path_is_the_key()
    {
        var result = Parse($"https://id.gs1.org/01/{Gtin}/00/{Sscc}");
        Assert.False(result.IsSuccess);
        Assert.StartsWith("SSCC (00) cannot be a qualifier of GTIN (01)", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_parameter_without_a_value_has_no_value()
    {
        var result = Parse($"https://id.gs1.org/01/{Gtin}/21/A?17");
        Assert.False(result.IsSuccess);
        Assert.Equal(Gs1ErrorCode.Malformed, result.Error.Code);
        Assert.Equal("Expiry (17) has no value.", result.Error.Message);
    }

    [Fact]
    public void A_key_in_a_query_right_after_the_host_is_not_read_as_a_path()
    {
        var result = Parse($"https://example.com?next=/01/{Gtin}/21/A");
        Assert.False(result.IsSuccess);
        Assert.Equal(Gs1ErrorCode.NotDigitalLink, result.Error.Code);
        Assert.Contains("its path has no GS1 key", result.Error.Message, StringComparison.Ordinal);
    }
}
