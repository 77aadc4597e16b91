using DrugTrace.Domain.Gs1;

using static DrugTrace.Domain.Tests.Gs1.ParseAssert;

namespace DrugTrace.Domain.Tests.Gs1;

public class Gs1ParserErrorTests
{
    [Theory]
    [InlineData("(01)09506000134353(21)A", Gs1ErrorCode.InvalidCheckDigit, "GTIN (01) 09506000134353 has a wrong check digit (expected 2).")]
    [InlineData("0109506000134353\u001d21A", Gs1ErrorCode.InvalidCheckDigit, "GTIN (01) 09506000134353 has a wrong check digit (expected 2).")]
    [InlineData("(01)09506000134352(21)SN34567890123456789012", Gs1ErrorCode.InvalidLength, "Serial (21) is 22 characters; at most 20 are allowed.")]
    [InlineData("(01)09506000134352(17)271332(21)A", Gs1ErrorCode.InvalidDate, "Expiry (17) 271332: month 13 does not exist.")]
    [InlineData("(01)09506000134352(17)270230(21)A", Gs1ErrorCode.InvalidDate, "Expiry (17) 270230: day 30 does not exist in February 2027.")]
    [InlineData("(01)09506000134352(21)SN00012345~7", Gs1ErrorCode.InvalidCharacter, "'~' at position 11 is not allowed in a GS1 serial (21): allowed are letters A-Z a-z, digits and ! \" % & ' ( ) * + , - . / : ; < = > ? _.")]
    [InlineData("(01)0950600013435(21)A", Gs1ErrorCode.InvalidLength, "GTIN (01) 0950600013435 is 13 digits; it must be exactly 14.")]
    [InlineData("01095060001343521727123", Gs1ErrorCode.InvalidLength, "Expiry (17) 27123 is 5 digits; it must be exactly 6.")]
    [InlineData("0109506000134352172712\u001d21A", Gs1ErrorCode.InvalidLength, "Expiry (17) 2712 is 4 digits; it must be exactly 6.")]
    [InlineData("(01)0950600013435A(21)A", Gs1ErrorCode.InvalidCharacter, "'A' at position 14 is not allowed in GTIN (01): only digits 0-9 are allowed.")]
    [InlineData("(01)09506000134352(10)LOT 42", Gs1ErrorCode.InvalidCharacter, "' ' at position 4 is not allowed in a GS1 lot (10): allowed are letters A-Z a-z, digits and ! \" % & ' ( ) * + , - . / : ; < = > ? _.")]
    public void Precise_value_errors(string input, Gs1ErrorCode code, string message)
    {
        var error = Fails(input);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("(999)123", "AI 999 is not a GS1 Application Identifier.")]
    [InlineData("(01)09506000134352(4399)X", "AI 4399 is not a GS1 Application Identifier.")]
    [InlineData("01095060001343524399X", "AI 4399 (at position 17) is not a GS1 Application Identifier.")]
    [InlineData("05123456", "AI 05 (at position 1, '0512...') is not a GS1 Application Identifier.")]
    [InlineData("https://id.gs1.org/01/09506000134352?9999=1", "AI 9999 in the web address (?9999=...) is not a GS1 Application Identifier.")]
    public void Unknown_ai(string input, string message)
    {
        var error = Fails(input);
        Assert.Equal(Gs1ErrorCode.UnknownAi, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t")]
    [InlineData(null)]
    public void Empty_input(string? input)
    {
        var result = Gs1Parser.Parse(input, Gs1ParserTests.Today);
        Assert.Equal(Gs1ErrorCode.Empty, result.Error?.Code);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("ABC123")]
    [InlineData("www.example.com/01/09506000134352")]
    public void Not_gs1_text(string input)
    {
        var error = Fails(input);
        Assert.Equal(Gs1ErrorCode.NotGs1, error.Code);
        Assert.StartsWith("This is not a GS1 code:", error.Message);
    }

    [Fact]
    public void Plain_datamatrix_is_not_gs1()
    {
        var error = Fails("]d10109506000134352");
        Assert.Equal(Gs1ErrorCode.NotGs1, error.Code);
        Assert.Contains("]d1", error.Message);
    }

    [Fact]
    public void Linear_barcode_cannot_carry_pack_data()
    {
        Assert.Equal(Gs1ErrorCode.UnsupportedSymbology, Fails("]E04012345123456").Code);
    }

    [Theory]
    [InlineData("https://example.com/page")]
    [InlineData("https://example.com/")]
    [InlineData("https://example.com")]
    [InlineData("https://example.com/products/10/LOT42/21/1")]
    public void Web_address_that_is_not_digital_link(string input)
    {
        var error = Fails(input);
        Assert.Equal(Gs1ErrorCode.NotDigitalLink, error.Code);
        Assert.StartsWith("This web address is not a GS1 Digital Link", error.Message);
    }

    [Fact]
    public void Digital_link_qualifiers_in_wrong_order()
    {
        var error = Fails("https://id.gs1.org/01/09506000134352/21/SN1/10/LOT42");
        Assert.Equal(Gs1ErrorCode.DigitalLinkQualifierOrder, error.Code);
        Assert.Equal("In a Digital Link the qualifiers after GTIN (01) must come in the order 22, 10, 21 or 235; here they are 21, 10.", error.Message);
    }

    [Fact]
    public void Digital_link_mixing_qualifier_alternatives()
    {
        Assert.Equal(Gs1ErrorCode.DigitalLinkQualifierOrder, Fails("https://id.gs1.org/01/09506000134352/10/L/235/X").Code);
    }

    [Fact]
    public void Digital_link_data_attribute_in_path()
    {
        var error = Fails("https://id.gs1.org/01/09506000134352/17/271231");
        Assert.Equal(Gs1ErrorCode.DigitalLinkNotAllowed, error.Code);
        Assert.Equal("Expiry (17) cannot be a qualifier of GTIN (01) in a Digital Link path (allowed: 22, 10, 21 or 235); put it in the query: ?17=271231.", error.Message);
    }

    [Fact]
    public void Digital_link_qualifier_in_query()
    {
        var error = Fails("https://id.gs1.org/01/09506000134352?21=SN1");
        Assert.Equal(Gs1ErrorCode.DigitalLinkNotAllowed, error.Code);
        Assert.Equal("Serial (21) is not allowed as a Digital Link data attribute (?21=...); it belongs in the path: /01/.../21/...", error.Message);
    }

    [Theory]
    [InlineData("https://id.gs1.org/01/09506000134352/21/SN%2")]
    [InlineData("https://id.gs1.org/01/09506000134352/21/SN%ZZ1")]
    public void Digital_link_broken_percent_encoding(string input) =>
        Assert.Equal(Gs1ErrorCode.InvalidPercentEncoding, Fails(input).Code);

    [Fact]
    public void Digital_link_non_ascii_after_decoding()
    {
        var error = Fails("https://id.gs1.org/01/09506000134352/21/SN%C3%A9");
        Assert.Equal(Gs1ErrorCode.InvalidCharacter, error.Code);
        Assert.Contains("U+00C3 at position 3", error.Message);
    }

    [Fact]
    public void Duplicate_ai_with_different_values()
    {
        var error = Fails("(01)09506000134352(21)A(21)B");
        Assert.Equal(Gs1ErrorCode.DuplicateAi, error.Code);
        Assert.Equal("Serial (21) appears twice with different values: A and B.", error.Message);
        Assert.Equal(Gs1ErrorCode.DuplicateAi, Fails("https://id.gs1.org/01/09506000134352/10/A?10=B").Code);
    }

    [Fact]
    public void Serial_requires_gtin()
    {
        var error = Fails("21SN1");
        Assert.Equal(Gs1ErrorCode.MissingRequiredAi, error.Code);
        Assert.Equal("Serial (21) needs GTIN (01), MTO GTIN (03) or ITIP (8006) in the same code.", error.Message);
    }

    [Fact]
    public void Digital_signature_requires_gtin_with_serial()
    {
        var error = Fails("(01)09506000134352(8030)AbC");
        Assert.Equal(Gs1ErrorCode.MissingRequiredAi, error.Code);
        Assert.Contains("GTIN (01) with Serial (21)", error.Message);
    }

    [Fact]
    public void Excluded_pairs()
    {
        var sscc = "00950600013400001" + CheckDigit.Compute("00950600013400001");
        Assert.Equal(Gs1ErrorCode.ExclusiveAis, Fails("(01)09506000134352(02)09506000134352(37)5").Code);
        var error = Fails("(01)09506000134352(3100)000100(3101)000010");
        Assert.Equal(Gs1ErrorCode.ExclusiveAis, error.Code);
        Assert.Equal("NET WEIGHT (kg) (3100) and NET WEIGHT (kg) (3101) must not be in the same code.", error.Message);
        Assert.True(Gs1Parser.Parse($"(00){sscc}(3300)000100", Gs1ParserTests.Today).IsSuccess);
    }

    [Theory]
    [InlineData("010950600013435221SN000123456789010LOT42", "Serial (21) is 22 characters; at most 20 are allowed; if another element follows it, the separator (GS) after it is missing.")]
    [InlineData("010950600013435221SN000123456789010LOT42\u001d17271231", "Serial (21) is 22 characters; at most 20 are allowed; if another element follows it, the separator (GS) after it is missing.")]
    [InlineData("01 09506000134352 21", "Serial (21) has no value.")]
    [InlineData("(01)09506000134352(21", "The '(' at position 19 is not closed.")]
    [InlineData("(01)09506000134352 x(21)A", "GTIN (01) 09506000134352 x is 16 digits; it must be exactly 14.")]
    [InlineData("0109506000134352 ~21A", "'~' at position 18 is where a GS1 Application Identifier should start.")]
    [InlineData("01095060001343521", "The code ends in the middle of an Application Identifier at position 17.")]
    public void Structural_errors(string input, string message) => Assert.Equal(message, Fails(input).Message);

    [Fact]
    public void Errors_name_the_ai()
    {
        Assert.Equal("17", Fails("(01)09506000134352(17)271332").Ai);
        Assert.Equal("01", Fails("(01)09506000134353").Ai);
    }
}
