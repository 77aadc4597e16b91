using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public class Gs1ParserTests
{
    internal static readonly DateOnly Today = new(2026, 3, 15);

    private static readonly AiElement[] s_standard =
    [
        new("01", "09506000134352"), new("17", "271231"), new("10", "LOT42"), new("21", "SN000123456"),
    ];

    [Fact]
    public void Example_gtins_have_valid_check_digits()
    {
        Assert.True(CheckDigit.IsValid("09506000134352"));
        Assert.True(CheckDigit.IsValid("04012345123456"));
        Assert.False(CheckDigit.IsValid("09506000134353"));
    }

    private static ScannedCode Ok(string input)
    {
        var result = Gs1Parser.Parse(input, Today);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    [Theory]
    [InlineData("\u001d01095060001343521727123110LOT42\u001d21SN000123456", null)] // ZXing.Net
    [InlineData("]d201095060001343521727123110LOT42\u001d21SN000123456", "]d2")] // zxing-wasm
    [InlineData("]d2\u001d01095060001343521727123110LOT42\u001d21SN000123456", "]d2")]
    [InlineData("01095060001343521727123110LOT42\u001d21SN000123456", null)]
    [InlineData("]C101095060001343521727123110LOT42\u001d21SN000123456", "]C1")]
    [InlineData("]Q301095060001343521727123110LOT42\u001d21SN000123456", "]Q3")]
    [InlineData("]e001095060001343521727123110LOT42\u001d21SN000123456", "]e0")]
    [InlineData("01095060001343521727123110LOT42<GS>21SN000123456", null)]
    [InlineData("01095060001343521727123110LOT42{GS}21SN000123456", null)]
    [InlineData("01095060001343521727123110LOT42^]21SN000123456", null)]
    [InlineData("01095060001343521727123110LOT42\u241D21SN000123456", null)]
    [InlineData("0109506000134352\u001d17271231\u001d10LOT42\u001d21SN000123456\u001d", null)] // separators after fixed AIs tolerated
    [InlineData("  ]d201095060001343521727123110LOT42\u001d21SN000123456\r\n", "]d2")]
    public void Element_strings(string input, string? symbology)
    {
        var code = Ok(input);
        Assert.Equal(ScanFormat.ElementString, code.Format);
        Assert.Equal(symbology, code.SymbologyId);
        Assert.Equal(s_standard, code.Elements);
        Assert.Equal("09506000134352", code.Gtin?.Value);
        Assert.Equal("SN000123456", code.Serial);
        Assert.Equal("LOT42", code.Lot);
        Assert.Equal(new DateOnly(2027, 12, 31), code.Expiry);
    }

    [Fact]
    public void Lot_last_needs_no_trailing_separator()
    {
        var code = Ok("]d201095060001343522112345\u001d1727123110ABC-1/2");
        Assert.Equal([new("01", "09506000134352"), new("21", "12345"), new("17", "271231"), new("10", "ABC-1/2")], code.Elements);
    }

    [Fact]
    public void National_codes_internal_ais_and_signature_mixed_in()
    {
        var code = Ok("]d20104012345123456\u001d710PZN12345678\u001d21ABC\u001d91INTERNAL-1\u001d8030AbC-_z09\u001d17280200");
        Assert.Equal("PZN12345678", code["710"]);
        Assert.Equal("INTERNAL-1", code["91"]);
        Assert.Equal("AbC-_z09", code["8030"]);
        Assert.Equal(new DateOnly(2028, 2, 29), code.Expiry);
        Assert.Equal(["01", "710", "21", "91", "8030", "17"], code.Elements.Select(e => e.Ai));
    }

    [Theory]
    [InlineData("711", "CIP34009")]
    [InlineData("712", "CN123456")]
    [InlineData("713", "DRN1")]
    [InlineData("714", "AIM12345")]
    [InlineData("715", "0777-3105-02")]
    [InlineData("716", "AIC012345678")]
    [InlineData("717", "SRN9")]
    public void Each_national_healthcare_number(string ai, string value)
    {
        var code = Ok($"(01)09506000134352({ai}){value}(21)X1");
        Assert.Equal(value, code[ai]);
    }

    [Fact]
    public void Bracketed_human_readable_form()
    {
        var code = Ok("(01)09506000134352(17)271231(10)LOT42(21)SN000123456");
        Assert.Equal(ScanFormat.HumanReadable, code.Format);
        Assert.Equal(s_standard, code.Elements);
        Assert.Equal("(01)09506000134352(17)271231(10)LOT42(21)SN000123456", code.ToHumanReadable());
    }

    [Fact]
    public void Bracketed_form_with_spaces_and_brackets_inside_values()
    {
        var code = Ok(" (01) 09506000134352 (10) A(B)\\(3 (21) SN1 ");
        Assert.Equal("A(B)(3", code.Lot);
        Assert.Equal("SN1", code.Serial);
    }

    [Theory]
    [InlineData("01 09506000134352 17 271231 10 LOT42 21 SN000123456")]
    [InlineData("0109506000134352 17271231 10LOT42 21SN000123456")]
    [InlineData("0109506000134352  17 271231\t10LOT42 21 SN000123456")]
    [InlineData("01095060001343521727123110LOT42 21SN000123456")]
    [InlineData("  01 09506000134352 1727123110LOT42 21 SN000123456  ")]
    public void Typed_input_with_spaces(string input)
    {
        var code = Ok(input);
        Assert.Equal(ScanFormat.ElementString, code.Format);
        Assert.Equal(s_standard, code.Elements);
    }

    [Fact]
    public void Typed_value_that_looks_like_an_ai_stays_a_value()
    {
        // "10 21" is lot "21": a token after an AI token is always its value.
        var code = Ok("01 09506000134352 10 21 21 10");
        Assert.Equal("21", code.Lot);
        Assert.Equal("10", code.Serial);
    }

    [Theory]
    [InlineData("https://id.gs1.org/01/09506000134352/10/LOT42/21/SN000123456?17=271231")]
    [InlineData("HTTPS://example.com/01/09506000134352/10/LOT42/21/SN000123456?17=271231")]
    [InlineData("http://pharma.example/some/prefix/01/09506000134352/10/LOT42/21/SN000123456?17=271231&linkType=gs1:pip&utm_source=x")]
    [InlineData("]d1https://id.gs1.org/01/09506000134352/10/LOT42/21/SN000123456?17=271231")]
    [InlineData("]Q1https://id.gs1.org/01/09506000134352/10/LOT42/21/SN000123456/?17=271231#top")]
    [InlineData("https://id.gs1.org/01/09506000134352/10/LOT%342/21/SN000123456?17=%32%371231")]
    public void Digital_link(string input)
    {
        var code = Ok(input);
        Assert.Equal(ScanFormat.DigitalLink, code.Format);
        Assert.Equal(
            [new("01", "09506000134352"), new("10", "LOT42"), new("21", "SN000123456"), new("17", "271231")],
            code.Elements);
        Assert.Equal(new DateOnly(2027, 12, 31), code.Expiry);
    }

    [Fact]
    public void Digital_link_without_lot_and_with_cpv()
    {
        var code = Ok("https://id.example.org/01/09506000134352/22/CPV-1/21/X%2F12?17=280200&10=L1");
        Assert.Equal("X/12", code.Serial);
        Assert.Equal("CPV-1", code["22"]);
        Assert.Equal("L1", code.Lot);
        Assert.Equal(new DateOnly(2028, 2, 29), code.Expiry);
        Assert.Equal("]d1", Ok("]d1https://a.b/01/09506000134352").SymbologyId);
    }

    [Fact]
    public void Digital_link_percent_encoded_serial()
    {
        Assert.Equal("SN/12", Ok("https://id.gs1.org/01/09506000134352/21/SN%2F12").Serial);
        Assert.Equal("A%B", Ok("https://id.gs1.org/01/09506000134352/21/A%25B").Serial);
    }

    [Fact]
    public void Digital_link_gtin12_is_padded_to_14()
    {
        var gtin12 = "61414100003" + CheckDigit.Compute("61414100003");
        var code = Ok($"https://id.gs1.org/01/{gtin12}/21/1");
        Assert.Equal("00" + gtin12, code.Gtin?.Value);
    }

    [Theory]
    [InlineData("4012345123456")]
    [InlineData("95060001")]
    public void Digital_link_gtin13_and_gtin8(string shortGtin)
    {
        var withCheck = string.Concat(shortGtin.AsSpan(0, shortGtin.Length - 1), CheckDigit.Compute(shortGtin.AsSpan(0, shortGtin.Length - 1)).ToString());
        var code = Ok($"https://id.gs1.org/01/{withCheck}/21/1");
        Assert.Equal(withCheck.PadLeft(14, '0'), code.Gtin?.Value);
        Assert.Equal(withCheck.PadLeft(14, '0'), code["01"]);
    }

    [Fact]
    public void Digital_link_sscc_and_gln_keys()
    {
        var sscc = "00950600013400001" + CheckDigit.Compute("00950600013400001");
        Assert.Equal(sscc, Ok($"https://example.com/00/{sscc}")["00"]);
        var gln = "950600013435" + CheckDigit.Compute("950600013435");
        var code = Ok($"https://example.com/414/{gln}/254/A1");
        Assert.Equal(gln, code["414"]);
        Assert.Equal("A1", code["254"]);
    }

    [Fact]
    public void Element_string_round_trips()
    {
        var code = Ok("(01)09506000134352(10)LOT42(17)271231(21)SN1");
        Assert.Equal("010950600013435210LOT42\u001d1727123121SN1", code.ToElementString());
        Assert.Equal(code.Elements, Ok(code.ToElementString()).Elements);
    }

    [Fact]
    public void Internal_ai_99_takes_what_follows_9()
    {
        // 999 is not an AI, but 99 is: the element string reads (99)9ABC.
        Assert.Equal("9ABC", Ok("0109506000134352999ABC")["99"]);
    }

    [Fact]
    public void Same_ai_twice_with_the_same_value_is_kept_once()
    {
        var code = Ok("(01)09506000134352(21)A(01)09506000134352");
        Assert.Equal(2, code.Elements.Count);
    }

    [Fact]
    public void Result_shapes_are_pattern_friendly()
    {
        var result = Gs1Parser.Parse("(01)09506000134352(21)A", Today);
        Assert.True(result.TryGet(out var code, out var error));
        Assert.Null(error);
        Assert.Equal("A", code.Serial);
        var (value, err) = result;
        Assert.Same(code, value);
        Assert.Null(err);

        var bad = Gs1Parser.Parse("", Today);
        Assert.False(bad.TryGet(out var none, out var why));
        Assert.Null(none);
        Assert.Equal(Gs1ErrorCode.Empty, why.Code);
    }

    [Fact]
    public void Gmn_8013_check_character_pair()
    {
        Assert.Equal("1987654Ad4X4bL5ttr2310c2K", Ok("(8013)1987654Ad4X4bL5ttr2310c2K")["8013"]);
    }

    [Fact]
    public void Optional_components_and_multi_component_linters()
    {
        Assert.Equal("276040", Ok("(01)09506000134352(423)276040")["423"]);
        Assert.Equal("276", Ok("(01)09506000134352(423)276")["423"]);
        Assert.Equal("05000030000110", Ok("(01)09506000134352(8001)05000030000110")["8001"]);
        Assert.Equal("095060001343520102", Ok("(8006)095060001343520102(21)A")["8006"]);
    }
}
