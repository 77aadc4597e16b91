using DrugTrace.Domain.Gs1;

using static DrugTrace.Domain.Tests.Gs1.ParseAssert;

namespace DrugTrace.Domain.Tests.Gs1;

public sealed class Gs1ParserRefusalTests
{
    private const string Pack = "0109506000134352\u001d21A";

    private static Gs1Error Fails(string? input)
    {
        var result = Gs1Parser.Parse(input, Gs1ParserTests.Today);
        Assert.False(result.IsSuccess, $"Expected a failure, got {result.Value}");
        return result.Error;
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t\r\n\v\f\u00a0")]
    [InlineData(null)]
    public void Nothing_but_whitespace_is_nothing_scanned(string? input)
    {
        var error = Fails(input);
        Assert.Equal(Gs1ErrorCode.Empty, error.Code);
        Assert.Equal("Nothing was scanned or typed.", error.Message);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\v")]
    [InlineData("\f")]
    [InlineData("\u00a0")]
    public void Each_kind_of_whitespace_around_a_code_is_trimmed(string space)
    {
        var code = Reads(space + "]d2" + Pack + space);
        Assert.Equal("]d2", code.SymbologyId);
        Assert.Equal("A", code["21"]);
    }

    [Theory]
    [InlineData("]d2")]
    [InlineData("]Q3")]
    [InlineData("]X9")]
    public void A_symbology_identifier_alone_is_no_data(string id)
    {
        var error = Fails(id);
        Assert.Equal(Gs1ErrorCode.Empty, error.Code);
        Assert.Equal($"The scanner sent only a symbology identifier ({id}) and no data.", error.Message);
    }

    [Theory]
    [InlineData("]d")]
    [InlineData("]2d")]
    [InlineData("]dd")]
    [InlineData("x]d2")]
    public void Something_shaped_otherwise_is_no_symbology_identifier(string start)
    {
        var error = Fails(start);
        Assert.Equal(Gs1ErrorCode.NotGs1, error.Code);
        Assert.Equal($"This is not a GS1 code: '{start}' does not start with a GS1 Application Identifier.", error.Message);
    }

    [Theory]
    [InlineData("]d1", "DataMatrix")]
    [InlineData("]Q1", "QR Code")]
    [InlineData("]C0", "Code 128")]
    public void A_plain_text_symbology_carries_no_GS1_data(string id, string name)
    {
        var error = Fails(id + "0109506000134352");
        Assert.Equal(Gs1ErrorCode.NotGs1, error.Code);
        Assert.Equal($"This barcode ({id}, {name} without GS1 data) carries plain text, not GS1 data.", error.Message);
    }

    [Theory]
    [InlineData("]E0")]
    [InlineData("]A0")]
    [InlineData("]d0")]
    public void Another_symbology_cannot_carry_pack_data(string id)
    {
        var error = Fails(id + "4012345123456");
        Assert.Equal(Gs1ErrorCode.UnsupportedSymbology, error.Code);
        Assert.Equal($"This barcode type ({id}) cannot carry GS1 pack data; scan the 2D code (DataMatrix) of the pack.", error.Message);
    }

    [Theory]
    [InlineData("]d2")]
    [InlineData("]C1")]
    [InlineData("]e0")]
    [InlineData("]Q3")]
    [InlineData("]J1")]
    public void Each_GS1_symbology_is_read_and_kept(string id)
    {
        var code = Reads(id + Pack);
        Assert.Equal(id, code.SymbologyId);
        Assert.Equal(ScanFormat.ElementString, code.Format);
        Assert.Equal(["01", "21"], code.Elements.Select(e => e.Ai));
    }

    [Theory]
    [InlineData("http://id.gs1.org/01/09506000134352/21/A")]
    [InlineData("HTTP://id.gs1.org/01/09506000134352/21/A")]
    [InlineData("hTTpS://id.gs1.org/01/09506000134352/21/A")]
    public void A_web_address_in_either_scheme_and_any_case_is_a_Digital_Link(string input)
    {
        var code = Reads(input);
        Assert.Equal(ScanFormat.DigitalLink, code.Format);
        Assert.Equal("A", code["21"]);
    }

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123", "abcdefghijklmnopqrstuvwxyz0123")]
    [InlineData("abcdefghijklmnopqrstuvwxyz01234", "abcdefghijklmnopqrstuvwxyz0...")]
    public void A_long_text_is_shortened_to_30_characters_in_the_refusal(string input, string shown) =>
        Assert.Equal($"This is not a GS1 code: '{shown}' does not start with a GS1 Application Identifier.", Fails(input).Message);

    [Theory]
    [InlineData("\u001d")]
    [InlineData("]d2\u001d\u001d")]
    public void Separators_alone_are_no_GS1_data(string input)
    {
        var error = Fails(input);
        Assert.Equal(Gs1ErrorCode.NotGs1, error.Code);
        Assert.Equal("The code contains no GS1 data.", error.Message);
    }

    [Theory]
    [InlineData("0109506000134352310", "The code ends in the middle of an Application Identifier at position 17.")]
    [InlineData("01095060001343520", "The code ends in the middle of an Application Identifier at position 17.")]
    [InlineData("0109506000134352\u001d05", "AI 05 (at position 18, '05...') is not a GS1 Application Identifier.")]
    [InlineData("0109506000134352\u001d051", "AI 05 (at position 18, '051...') is not a GS1 Application Identifier.")]
    [InlineData("0109506000134352\u001d05x", "AI 05 (at position 18, '05...') is not a GS1 Application Identifier.")]
    [InlineData("0109506000134352x", "'x' at position 17 is where a GS1 Application Identifier should start.")]
    [InlineData("0109506000134352 21A 4399x", "AI 4399 (at position 22) is not a GS1 Application Identifier.")]
    public void Element_string_refusals_name_the_place(string input, string message) => Assert.Equal(message, Fails(input).Message);

    [Theory]
    [InlineData("(05)1", Gs1ErrorCode.UnknownAi, "AI 05 is not a GS1 Application Identifier.")]
    [InlineData("( 4399 )1", Gs1ErrorCode.UnknownAi, "AI 4399 is not a GS1 Application Identifier.")]
    [InlineData("(9)1", Gs1ErrorCode.Malformed, "'(9)' at position 1 is not an Application Identifier.")]
    [InlineData("(99999)1", Gs1ErrorCode.Malformed, "'(99999)' at position 1 is not an Application Identifier.")]
    [InlineData("(ab)1", Gs1ErrorCode.Malformed, "'(ab)' at position 1 is not an Application Identifier.")]
    [InlineData("(21)A(01", Gs1ErrorCode.Malformed, "The '(' at position 6 is not closed.")]
    public void Bracketed_refusals_name_the_place(string input, Gs1ErrorCode code, string message)
    {
        var error = Fails(input);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("(01)09506000134352(21)A\\(B", "A(B")]
    [InlineData("(01)09506000134352(21)A(B", "A(B")]
    [InlineData("(01)09506000134352(21)A(1)", "A(1)")]
    [InlineData("(01)09506000134352 (21) A ", "A")]
    public void A_bracket_that_starts_no_AI_belongs_to_the_value(string input, string serial)
    {
        var code = Reads(input);
        Assert.Equal(ScanFormat.HumanReadable, code.Format);
        Assert.Equal(serial, code["21"]);
    }

    [Fact]
    public void A_bracketed_code_after_leading_separators_is_human_readable()
    {
        var code = Reads("\u001d\u001d(01)09506000134352(21)A");
        Assert.Equal(ScanFormat.HumanReadable, code.Format);
        Assert.Null(code.SymbologyId);
    }

    [Fact]
    public void The_expiry_is_read_from_17_with_day_zero_as_the_month_end()
    {
        Assert.Equal(new DateOnly(2027, 2, 28), Reads("(01)09506000134352(17)270200(21)A").Expiry);
        Assert.Null(Reads("(01)09506000134352(21)A").Expiry);
        Assert.Null(Reads("(01)09506000134352(15)270200(21)A").Expiry);
    }

    [Fact]
    public void A_pack_code_without_a_GTIN_or_serial_is_refused_in_words()
    {
        var sscc = "00950600013400001" + CheckDigit.Compute("00950600013400001");
        var noGtin = Gs1Parser.ParsePack($"(00){sscc}", Gs1ParserTests.Today);
        Assert.False(noGtin.IsSuccess);
        Assert.Equal((Gs1ErrorCode.MissingGtin, "The code has no GTIN (01): it does not identify a medicine pack.", "01"),
            (noGtin.Error!.Code, noGtin.Error.Message, noGtin.Error.Ai));
        var noSerial = Gs1Parser.ParsePack("(01)09506000134352(10)L1", Gs1ParserTests.Today);
        Assert.Equal((Gs1ErrorCode.MissingSerial, "The code has no serial number (21): it identifies a product, not a pack.", "21"),
            (noSerial.Error!.Code, noSerial.Error.Message, noSerial.Error.Ai));
    }
}
