using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

/// <summary>
/// The ISO code tables the linters check against hold every part of their lists: the first code of
/// each part of each list (and the last code) is accepted, through an AI that is checked against it.
/// </summary>
public class IsoCodeTableTests
{
    private static readonly string s_sscc = "09506000134000001" + CheckDigit.Compute("09506000134000001");

    private static void Passes(string input)
    {
        var result = Gs1Parser.Parse(input, Gs1ParserTests.Today);
        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    [Theory]
    [InlineData("004")]
    [InlineData("032")] // the end of a range (031-032)
    [InlineData("064")]
    [InlineData("132")]
    [InlineData("192")]
    [InlineData("258")]
    [InlineData("320")]
    [InlineData("384")]
    [InlineData("450")]
    [InlineData("512")]
    [InlineData("578")]
    [InlineData("642")]
    [InlineData("704")]
    [InlineData("768")]
    [InlineData("832")]
    [InlineData("894")]
    public void Each_part_of_the_country_list_is_known(string code) => Passes($"(01)09506000134352(422){code}");

    [Theory]
    [InlineData("008")]
    [InlineData("132")]
    [InlineData("320")]
    [InlineData("388")]
    [InlineData("512")]
    [InlineData("704")]
    [InlineData("901")]
    [InlineData("960")]
    [InlineData("999")]
    public void Each_part_of_the_currency_list_is_known(string code) => Passes($"(01)09506000134352(30)5(3932){code}123");

    [Theory]
    [InlineData("AD")]
    [InlineData("CA")]
    [InlineData("FI")]
    [InlineData("ID")]
    [InlineData("MA")]
    [InlineData("PA")]
    [InlineData("SA")]
    [InlineData("UA")]
    [InlineData("ZW")]
    public void Each_part_of_the_two_letter_country_list_is_known(string code) => Passes($"(00){s_sscc}(4307){code}");

    [Theory]
    [InlineData("(01)09506000134352(422)000")]
    [InlineData("(01)09506000134352(422)895")]
    [InlineData("(01)09506000134352(30)5(3932)000123")]
    [InlineData("(00){SSCC}(4307)ZZ")]
    public void Codes_outside_the_lists_are_not(string input)
    {
        Assert.False(Gs1Parser.Parse(input.Replace("{SSCC}", s_sscc, StringComparison.Ordinal), Gs1ParserTests.Today).IsSuccess);
    }
}
