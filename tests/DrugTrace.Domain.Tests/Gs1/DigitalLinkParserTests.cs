using DrugTrace.Domain.Gs1;

using static DrugTrace.Domain.Tests.Gs1.ParseAssert;

namespace DrugTrace.Domain.Tests.Gs1;

public sealed class DigitalLinkParserTests
{
    private const string Gtin = "09506000134352";
    private const string Sscc = "340123450000000017";

    private static ScannedCode Reads(string input)
    {
        var result = Gs1Parser.Parse(input, Gs1ParserTests.Today);
        Assert.True(result.IsSuccess, result.IsSuccess ? "" : result.Error.Message);
        Assert.Equal(ScanFormat.DigitalLink, result.Value.Format);
        return result.Value;
    }

    [Theory]
    [InlineData("https://", "it has no host name")]
    [InlineData("https:///01/09506000134352", "it has no host name")]
    [InlineData("https://example.com", "it has no path")]
    [InlineData("https://example.com?01=09506000134352", "its path has no GS1 key such as /01/ followed by a GTIN")]
    [InlineData("https://example.com#/01/09506000134352", "its path has no GS1 key such as /01/ followed by a GTIN")]
    [InlineData("https://example.com/21/A/10/B", "its path has no GS1 key such as /01/ followed by a GTIN")]
    public void A_web_address_that_is_not_a_Digital_Link_says_why(string input, string why)
    {
        var error = Fails(input);
        Assert.Equal(Gs1ErrorCode.NotDigitalLink, error.Code);
        Assert.Equal($"This web address is not a GS1 Digital Link: {why}.", error.Message);
    }

    [Fact]
    public void A_path_of_more_than_32_segments_is_too_long()
    {
        var prefix = string.Concat(Enumerable.Repeat("/p", 28));
        Assert.Equal("A", Reads($"https://example.com{prefix}/01/{Gtin}/21/A")["21"]);
        Assert.Equal("This web address is not a GS1 Digital Link: its path is too long.",
            Fails($"https://example.com{prefix}/p/01/{Gtin}/21/A").Message);
    }

    [Theory]
    [InlineData("96385074", "00000096385074")]
    [InlineData("012345678905", "00012345678905")]
    [InlineData("4012345123456", "04012345123456")]
    public void Short_GTINs_are_widened_to_14_digits(string written, string gtin) =>
        Assert.Equal(gtin, Reads($"https://example.com/01/{written}")["01"]);

    [Fact]
    public void A_short_GTIN_that_is_not_all_digits_is_not_widened() =>
        Assert.Equal("GTIN (01) 401234512345X is 13 digits; it must be exactly 14.", Fails("https://example.com/01/401234512345X").Message);

    [Theory]
    [InlineData("%41%42", "AB")]
    [InlineData("%4a%4A", "JJ")]
    [InlineData("%30%39", "09")]
    [InlineData("A%2fB%2F", "A/B/")]
    [InlineData("x%25", "x%")]
    [InlineData("%66%46", "fF")]
    public void Percent_escapes_are_decoded_with_either_case_of_hex_digit(string written, string serial) =>
        Assert.Equal(serial, Reads($"https://example.com/01/{Gtin}/21/{written}")["21"]);

    [Theory]
    [InlineData("A%4", "%4")]
    [InlineData("A%", "%")]
    [InlineData("%G1A", "%G1")]
    [InlineData("%1GA", "%1G")]
    [InlineData("%:1A", "%:1")]
    public void A_broken_percent_escape_is_refused_naming_it(string written, string bad)
    {
        var error = Fails($"https://example.com/01/{Gtin}/21/{written}");
        Assert.Equal(Gs1ErrorCode.InvalidPercentEncoding, error.Code);
        Assert.Equal($"'{bad}' in the web address is not valid percent-encoding ('%' must be followed by two hexadecimal digits).", error.Message);
    }

    [Fact]
    public void A_long_escaped_value_is_decoded_before_its_length_is_checked()
    {
        var serial = string.Concat(Enumerable.Repeat("%41", 100));
        Assert.Equal("Serial (21) is 100 characters; at most 20 are allowed.", Fails($"https://example.com/01/{Gtin}/21/{serial}").Message);
        Assert.Equal(Gs1ErrorCode.InvalidPercentEncoding, Fails($"https://example.com/01/{Gtin}/21/{serial}%").Code);
    }

    [Theory]
    [InlineData("?17=%32%37%31%32%33%31")]
    [InlineData("?linkType=gs1:pip&17=271231&=x&abc=1")]
    [InlineData("?17=271231#17=271299")]
    public void Query_attributes_are_read_and_other_parameters_ignored(string query) =>
        Assert.Equal(new DateOnly(2027, 12, 31), Reads($"https://example.com/01/{Gtin}/21/A{query}").Expiry);

    [Fact]
    public void A_query_attribute_with_no_value_is_refused_by_its_own_rules()
    {
        var error = Fails($"https://example.com/01/{Gtin}/21/A?17");
        Assert.Equal("17", error.Ai);
        Assert.Equal(Gs1ErrorCode.InvalidPercentEncoding, Fails($"https://example.com/01/{Gtin}/21/A?10=%").Code);
    }

    [Fact]
    public void A_key_in_the_query_is_not_a_data_attribute()
    {
        var error = Fails($"https://example.com/01/{Gtin}/21/A?03={Gtin}");
        Assert.Equal(Gs1ErrorCode.DigitalLinkNotAllowed, error.Code);
        Assert.Equal("03", error.Ai);
        Assert.Equal("MTO GTIN (03) is not allowed as a Digital Link data attribute (?03=...).", error.Message);
    }

    [Fact]
    public void A_key_that_takes_no_qualifiers_says_so()
    {
        var error = Fails($"https://example.com/00/{Sscc}/21/A");
        Assert.Equal(Gs1ErrorCode.DigitalLinkNotAllowed, error.Code);
        Assert.Equal("SSCC (00) takes no qualifiers in a Digital Link path, so Serial (21) cannot follow it.", error.Message);
        Assert.Equal("SSCC (00) takes no qualifiers in a Digital Link path, so Expiry (17) cannot follow it; put it in the query: ?17=271231.",
            Fails($"https://example.com/00/{Sscc}/17/271231").Message);
        Assert.Equal("SSCC (00) takes no qualifiers in a Digital Link path, so Lot (10) cannot follow it; put it in the query: ?10=L1.",
            Fails($"https://example.com/00/{Sscc}/10/L1").Message);
        Assert.Equal(Sscc, Reads($"https://example.com/00/{Sscc}")["00"]);
    }

    [Fact]
    public void Qualifiers_in_order_are_read_with_a_path_prefix_before_the_key()
    {
        var code = Reads($"https://example.com/a/b/c/01/{Gtin}/22/V1/10/L%2F1/21/S?17=271231");
        Assert.Equal(["01", "22", "10", "21", "17"], code.Elements.Select(e => e.Ai));
        Assert.Equal(("V1", "L/1", "S"), (code["22"], code["10"], code["21"]));
        Assert.Equal("]Q1", Gs1Parser.Parse($"]Q1https://example.com/01/{Gtin}/21/S", Gs1ParserTests.Today).Value!.SymbologyId);
    }

    [Fact]
    public void A_repeated_qualifier_is_out_of_order()
    {
        var error = Fails($"https://example.com/01/{Gtin}/10/A/10/B");
        Assert.Equal(Gs1ErrorCode.DigitalLinkQualifierOrder, error.Code);
        Assert.Equal("01", error.Ai);
        Assert.Equal("In a Digital Link the qualifiers after GTIN (01) must come in the order 22, 10, 21 or 235; here they are 10, 10.", error.Message);
    }

    [Fact]
    public void A_wrong_value_of_a_qualifier_is_refused_by_its_own_rules()
    {
        Assert.Equal("10", Fails($"https://example.com/01/{Gtin}/10/A~B/21/S").Ai);
        Assert.Equal(Gs1ErrorCode.InvalidPercentEncoding, Fails($"https://example.com/01/{Gtin}/10/A%/21/S").Code);
        Assert.Equal(Gs1ErrorCode.InvalidCheckDigit, Fails("https://example.com/01/09506000134353/21/S").Code);
        Assert.Equal(Gs1ErrorCode.InvalidPercentEncoding, Fails("https://example.com/01/0950600013435%/21/S").Code);
    }
}
