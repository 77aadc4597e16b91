using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public class IsoCodesTests
{
    [Theory]
    [InlineData("004", true)]
    [InlineData("4", false)]
    [InlineData("04", false)]
    [InlineData("0040", false)]
    [InlineData("0a4", false)]
    [InlineData("", false)]
    public void A_numeric_country_code_is_exactly_three_digits_of_the_table(string code, bool expected) =>
        Assert.Equal(expected, IsoCodes.IsCountryNumeric(code));

    [Theory]
    [InlineData("978", true)]
    [InlineData("97", false)]
    [InlineData("9780", false)]
    public void A_numeric_currency_code_is_exactly_three_digits_of_the_table(string code, bool expected) =>
        Assert.Equal(expected, IsoCodes.IsCurrencyNumeric(code));
}
