using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public sealed class ScanCorrectionWordingTests
{
    private const char GS = '\u001d';
    private static readonly DateOnly Today = new(2026, 3, 14);

    [Theory]
    [InlineData(ScanCorrection.CapsLock, "the letters arrived in the wrong case (is Caps Lock on?)")]
    [InlineData(ScanCorrection.LostSeparator, "the scanner dropped the GS1 separator between two fields (check its FNC1/GS setting)")]
    [InlineData(ScanCorrection.ReplacedSeparator, "the scanner sent another character for the GS1 separator (check its FNC1/GS setting)")]
    [InlineData(ScanCorrection.QwertzLayout, "the scanner types for a US keyboard but the computer uses a German one (Y and Z swapped)")]
    [InlineData(ScanCorrection.AzertyLayout, "the scanner types for a US keyboard but the computer uses a French one")]
    public void Each_correction_is_explained_word_for_word(ScanCorrection correction, string words) =>
        Assert.Equal(words, ScanCorrections.Explain(correction));

    [Fact]
    public void AZERTY_swaps_every_letter_pair_of_both_cases()
    {
        const string serial = "AQZWaqzw";
        const string digits = "à&é\"'(-è_ç";
        var genuine = $"]d2010950600013435217271231{GS}21{serial}";
        var garbled = new string([.. genuine.Select((c, i) => i < 3 ? c : c switch
        {
            >= '0' and <= '9' => digits[c - '0'],
            'a' => 'q', 'q' => 'a', 'z' => 'w', 'w' => 'z', 'A' => 'Q', 'Q' => 'A', 'Z' => 'W', 'W' => 'Z',
            _ => c,
        })]);
        var found = ScanCorrections.Candidates(garbled, Today).Where(c => c.Correction == ScanCorrection.AzertyLayout).ToList();
        Assert.Equal(serial, Assert.Single(found).Pack.Serial);
    }

    [Fact]
    public void QWERTZ_swaps_both_cases_of_y_and_z()
    {
        var found = ScanCorrections.Candidates("(01)09506000134352(21)zyZY1", Today).Where(c => c.Correction == ScanCorrection.QwertzLayout).ToList();
        Assert.Equal("yzYZ1", Assert.Single(found).Pack.Serial);
    }
}
