using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

/// <summary>
/// Which candidates the corrections try: a lost separator before each pack AI (serial, lot, expiry) and nowhere else,
/// a replaced separator only for characters a GS1 value cannot hold, a symbology identifier left alone.
/// </summary>
public class ScanCorrectionsEdgeTests
{
    private const char GS = '\u001d';
    private const string Gtin14 = "09506000134352";
    private static readonly DateOnly Today = new(2026, 3, 14);
    private static readonly DateOnly Expiry = new(2027, 12, 31);

    private static IReadOnlyList<CorrectedScan> Candidates(string scanned) => ScanCorrections.Candidates(scanned, Today);

    private static CorrectedScan Pack(string serial, string? lot, DateOnly? expiry, ScanCorrection correction) =>
        new(new PackIdentity(Gtin.Parse(Gtin14), serial, lot, expiry), correction);

    [Fact]
    public void A_separator_lost_before_the_lot_is_put_back()
    {
        var candidates = Candidates($"]d201{Gtin14}1727123121SN510LOT42");
        Assert.Contains(Pack("SN5", "LOT42", Expiry, ScanCorrection.LostSeparator), candidates);
    }

    [Fact]
    public void A_separator_lost_before_the_expiry_is_put_back()
    {
        var candidates = Candidates($"]d201{Gtin14}10LOT4217271231{GS}21SN5");
        Assert.Contains(Pack("SN5", "LOT42", Expiry, ScanCorrection.LostSeparator), candidates);
    }

    [Fact]
    public void Two_places_for_the_lost_separator_give_two_packs_even_when_serial_and_lot_join_up_the_same()
    {
        var candidates = Candidates($"]d201{Gtin14}1727123121SN1010LOT");
        Assert.Contains(Pack("SN", "10LOT", Expiry, ScanCorrection.LostSeparator), candidates);
        Assert.Contains(Pack("SN10", "LOT", Expiry, ScanCorrection.LostSeparator), candidates);
    }

    [Fact]
    public void A_replacement_character_that_also_stands_for_the_leading_FNC1_is_replaced_there_too()
    {
        var candidates = Candidates($"#01{Gtin14}1727123110LOT42#21SN5");
        Assert.Contains(Pack("SN5", "LOT42", Expiry, ScanCorrection.ReplacedSeparator), candidates);
    }

    [Fact]
    public void A_replacement_character_is_not_replaced_in_the_symbology_identifier()
    {
        var candidates = Candidates($"]d201{Gtin14}1727123110LOT42]21SN5");
        Assert.Contains(Pack("SN5", "LOT42", Expiry, ScanCorrection.ReplacedSeparator), candidates);
    }

    [Fact]
    public void Characters_a_GS1_value_may_hold_are_never_taken_for_a_replaced_separator()
    {
        // Replacing the X by GS would read serial SN5 and lot LOT42: a pack, but not a correction of a garbled separator.
        var candidates = Candidates($"]d201{Gtin14}1727123121SN5X10LOT42");
        Assert.DoesNotContain(candidates, c => c.Correction == ScanCorrection.ReplacedSeparator);
        Assert.Contains(Pack("SN5X", "LOT42", Expiry, ScanCorrection.LostSeparator), candidates);
    }

    [Fact]
    public void A_separator_is_put_back_only_before_a_pack_AI()
    {
        // A GS before the 91 in the serial would read serial 55 and AI 91 = 7: not tried.
        Assert.Empty(Candidates($"]d201{Gtin14}17271231104242{GS}2155917"));
    }

    [Fact]
    public void A_lost_separator_is_not_looked_for_in_a_Digital_Link()
    {
        // A GS before the 17 of the query would make the parser skip the expiry: a pack that is not a correction.
        var candidates = Candidates($"https://id.gs1.org/01/{Gtin14}/21/BCD1?17=271231");
        Assert.DoesNotContain(candidates, c => c.Correction == ScanCorrection.LostSeparator);
    }
}
