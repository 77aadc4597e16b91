using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public class ScanCorrectionsTests
{
    private const char GS = '\u001d';
    private static readonly DateOnly Today = new(2026, 3, 14);

    /// <summary>The genuine pack every garbled code below was meant to be.</summary>
    private static readonly PackIdentity Genuine = new(Gtin.Parse("09506000134352"), "SNaz7Qy", "LOT42", new DateOnly(2027, 12, 31));

    private const string Bracketed = "(01)09506000134352(17)271231(10)LOT42(21)SNaz7Qy";
    private static readonly string ElementString = $"]d201095060001343521727123110LOT42{GS}21SNaz7Qy";
    private const string DigitalLink = "https://id.gs1.org/01/09506000134352/10/LOT42/21/SNaz7Qy?17=271231";

    private static IReadOnlyList<CorrectedScan> Candidates(string scanned) => ScanCorrections.Candidates(scanned, Today);

    private static void AssertFinds(string garbled, ScanCorrection correction)
    {
        var candidates = Candidates(garbled);
        Assert.Contains(new CorrectedScan(Genuine, correction), candidates);
    }

    private static string InvertCase(string text) =>
        new([.. text.Select(c => char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c) : c)]);

    [Fact]
    public void The_genuine_codes_read_as_the_genuine_pack()
    {
        foreach (var code in new[] { Bracketed, ElementString, DigitalLink })
            Assert.Equal(Genuine, Gs1Parser.ParsePack(code, Today).Value);
    }

    [Fact]
    public void Caps_Lock_on_a_bracketed_code()
    {
        var garbled = InvertCase(Bracketed);
        Assert.Equal("(01)09506000134352(17)271231(10)lot42(21)snAZ7qY", garbled);

        AssertFinds(garbled, ScanCorrection.CapsLock);
    }

    [Fact]
    public void Caps_Lock_on_an_element_string_with_symbology_identifier_and_GS()
    {
        var garbled = InvertCase(ElementString);
        Assert.StartsWith("]D2", garbled);

        AssertFinds(garbled, ScanCorrection.CapsLock);
    }

    [Fact]
    public void Caps_Lock_on_a_Digital_Link()
    {
        AssertFinds(InvertCase(DigitalLink), ScanCorrection.CapsLock);
    }

    [Fact]
    public void Caps_Lock_reading_is_exactly_the_genuine_pack_not_a_lookalike()
    {
        var capsLock = Candidates(InvertCase(Bracketed)).Where(c => c.Correction == ScanCorrection.CapsLock).Select(c => c.Pack);
        Assert.Equal([Genuine], capsLock);
    }

    [Fact]
    public void Lost_GS_after_the_lot()
    {
        var garbled = ElementString.Replace(GS.ToString(), "");
        Assert.False(Gs1Parser.ParsePack(garbled, Today).IsSuccess); // the serial ran into the lot

        AssertFinds(garbled, ScanCorrection.LostSeparator);
    }

    [Fact]
    public void Lost_GS_without_symbology_identifier()
    {
        AssertFinds(ElementString[3..].Replace(GS.ToString(), ""), ScanCorrection.LostSeparator);
    }

    [Fact]
    public void Lost_GS_together_with_Caps_Lock()
    {
        var garbled = InvertCase(ElementString).Replace(GS.ToString(), "");

        AssertFinds(garbled, ScanCorrection.LostSeparator);
    }

    [Theory]
    [InlineData('@')]
    [InlineData('|')]
    [InlineData('~')]
    public void GS_replaced_by_another_character(char replacement)
    {
        AssertFinds(ElementString.Replace(GS, replacement), ScanCorrection.ReplacedSeparator);
    }

    [Fact]
    public void QWERTZ_swaps_y_and_z_in_the_serial()
    {
        var garbled = Bracketed.Replace("SNaz7Qy", "SNay7Qz");

        AssertFinds(garbled, ScanCorrection.QwertzLayout);
    }

    [Fact]
    public void QWERTZ_swaps_upper_case_Y_and_Z_too()
    {
        var genuine = Genuine with { Serial = "ZY99" };
        var candidates = Candidates("(01)09506000134352(17)271231(10)LOT42(21)YZ99");

        Assert.Contains(new CorrectedScan(genuine, ScanCorrection.QwertzLayout), candidates);
    }

    [Fact]
    public void AZERTY_garbles_the_digits_row_and_a_q_z_w()
    {
        // What a US-configured scanner types into a French keyboard layout: unshifted digit keys.
        const string digits = "à&é\"'(-è_ç";
        var garbled = new string([.. ElementString.Select(c => c switch
        {
            >= '0' and <= '9' => digits[c - '0'],
            'a' => 'q', 'q' => 'a', 'z' => 'w', 'w' => 'z', 'A' => 'Q', 'Q' => 'A', 'Z' => 'W', 'W' => 'Z',
            _ => c,
        })]);
        Assert.DoesNotContain(garbled, char.IsAsciiDigit);

        AssertFinds(garbled, ScanCorrection.AzertyLayout);
    }

    [Theory]
    [InlineData(Bracketed)]
    [InlineData(DigitalLink)]
    [InlineData("(01)09506000134352(17)271231(10)LOT42(21)12345")]
    public void A_clean_code_does_not_list_its_own_reading(string code)
    {
        var own = Gs1Parser.ParsePack(code, Today).Value;
        Assert.NotNull(own);

        Assert.DoesNotContain(Candidates(code), c => c.Pack == own);
    }

    [Fact]
    public void A_clean_element_string_does_not_list_its_own_reading()
    {
        Assert.DoesNotContain(Candidates(ElementString), c => c.Pack == Genuine);
    }

    [Fact]
    public void A_code_without_letters_or_garbling_has_no_candidates()
    {
        Assert.Empty(Candidates("(01)09506000134352(17)271231(10)4242(21)12345"));
    }

    [Fact]
    public void Every_candidate_is_a_pack_and_none_is_listed_twice()
    {
        var candidates = Candidates(InvertCase(ElementString).Replace(GS.ToString(), ""));

        Assert.NotEmpty(candidates);
        Assert.Equal(candidates.Count, candidates.Select(c => (c.Pack.Gtin, c.Pack.Serial, c.Pack.Lot)).Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void Blank_input_has_no_candidates(string? scanned)
    {
        Assert.Empty(ScanCorrections.Candidates(scanned, Today));
    }

    [Fact]
    public void Input_longer_than_512_characters_is_not_tried()
    {
        // Padded so that the Caps Lock reading of the first part would otherwise be tried.
        var tooLong = InvertCase(Bracketed) + new string(' ', 513 - Bracketed.Length);
        Assert.Equal(513, tooLong.Length);
        Assert.Empty(Candidates(tooLong));

        var justFits = InvertCase(Bracketed) + new string(' ', 512 - Bracketed.Length);
        Assert.Equal(512, justFits.Length);
        Assert.Contains(new CorrectedScan(Genuine, ScanCorrection.CapsLock), Candidates(justFits));
    }

    [Theory]
    [InlineData("]")]
    [InlineData("]d")]
    [InlineData("]d2")]
    [InlineData("(")]
    [InlineData("http")]
    [InlineData("\u001d\u001d")]
    [InlineData("0109506000134352")]
    [InlineData("@@@|||")]
    public void Odd_short_input_has_no_candidates_and_does_not_throw(string scanned)
    {
        Assert.Empty(Candidates(scanned));
    }

    [Fact]
    public void Every_correction_is_explained_in_plain_words()
    {
        var explanations = Enum.GetValues<ScanCorrection>().Select(ScanCorrections.Explain).ToList();

        Assert.All(explanations, e => Assert.False(string.IsNullOrWhiteSpace(e)));
        Assert.Equal(explanations.Count, explanations.Distinct().Count());
        Assert.Contains("Caps Lock", ScanCorrections.Explain(ScanCorrection.CapsLock));
        Assert.Contains("separator", ScanCorrections.Explain(ScanCorrection.LostSeparator));
        Assert.Contains("German", ScanCorrections.Explain(ScanCorrection.QwertzLayout));
        Assert.Contains("French", ScanCorrections.Explain(ScanCorrection.AzertyLayout));
    }
}
