using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public class GtinTests
{
    [Theory]
    [InlineData("09506000134352", "09506000134352")]
    [InlineData("4006381333931", "04006381333931")]
    [InlineData("614141000036", "00614141000036")]
    [InlineData("96385074", "00000096385074")]
    [InlineData("  09506000134352 ", "09506000134352")]
    public void A_GTIN_with_its_right_check_digit_is_read_as_GTIN_14(string text, string expected)
    {
        Assert.True(Gtin.TryParse(text, out var gtin, out var error));
        Assert.Equal(expected, gtin.Value);
        Assert.Equal(expected, gtin.ToString());
        Assert.Equal("", error);
    }

    [Theory]
    // Every other last digit of the same numbers: exactly one check digit is right.
    [InlineData("09506000134353", 2)]
    [InlineData("09506000134350", 2)]
    [InlineData("4006381333932", 1)]
    [InlineData("614141000035", 6)]
    [InlineData("96385070", 4)]
    public void A_GTIN_with_a_wrong_check_digit_is_refused_naming_the_right_one(string text, int expectedCheck)
    {
        Assert.False(Gtin.TryParse(text, out var gtin, out var error));
        Assert.Equal(default, gtin);
        Assert.Equal($"GTIN {text} has a wrong check digit (expected {expectedCheck}).", error);
        var thrown = Assert.Throws<FormatException>(() => Gtin.Parse(text));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void Only_one_of_the_ten_last_digits_is_accepted()
    {
        var accepted = Enumerable.Range(0, 10).Where(d => Gtin.TryParse($"0950600013435{d}", out _, out _)).ToList();
        Assert.Equal([2], accepted);
    }

    [Theory]
    [InlineData(null, "The GTIN is empty.")]
    [InlineData("", "The GTIN is empty.")]
    [InlineData("   ", "The GTIN is empty.")]
    [InlineData("95060001343", "A GTIN is 8, 12, 13 or 14 digits; '95060001343' is not.")]
    [InlineData("9506000134", "A GTIN is 8, 12, 13 or 14 digits; '9506000134' is not.")]
    [InlineData("1234567", "A GTIN is 8, 12, 13 or 14 digits; '1234567' is not.")]
    [InlineData("123456789", "A GTIN is 8, 12, 13 or 14 digits; '123456789' is not.")]
    [InlineData("109506000134352", "A GTIN is 8, 12, 13 or 14 digits; '109506000134352' is not.")]
    [InlineData("0950600013435A", "A GTIN is 8, 12, 13 or 14 digits; '0950600013435A' is not.")]
    [InlineData("0950600013435٢", "A GTIN is 8, 12, 13 or 14 digits; '0950600013435٢' is not.")]
    public void Anything_but_8_12_13_or_14_ascii_digits_is_refused(string? text, string expectedError)
    {
        Assert.False(Gtin.TryParse(text, out var gtin, out var error));
        Assert.Equal(default, gtin);
        Assert.Equal(expectedError, error);
    }

    [Fact]
    public void The_default_value_prints_as_empty() => Assert.Equal("", default(Gtin).ToString());
}
