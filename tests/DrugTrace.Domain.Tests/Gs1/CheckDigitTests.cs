using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

/// <summary>The mod-10 rule on its own: Gtin and Gln check length and digits first, so these paths are only reached here.</summary>
public class CheckDigitTests
{
    [Theory]
    [InlineData("00", true)]
    [InlineData("17", true)]
    [InlineData("18", false)]
    [InlineData("5", false)]
    [InlineData("", false)]
    [InlineData("0950600013435X", false)]
    [InlineData("X9506000134352", false)]
    [InlineData("09506000134352", true)]
    [InlineData("4012345000016", true)]
    public void IsValid_needs_at_least_two_digits_and_the_right_last_one(string digits, bool valid) =>
        Assert.Equal(valid, CheckDigit.IsValid(digits));

    [Fact]
    public void Compute_refuses_anything_but_digits()
    {
        var e = Assert.Throws<ArgumentException>(() => CheckDigit.Compute("12A4"));
        Assert.StartsWith("Only digits have a GS1 check digit.", e.Message);
        Assert.Equal("digitsWithoutCheck", e.ParamName);
        Assert.Throws<ArgumentException>(() => CheckDigit.Compute("12/4"));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("1", 7)]
    [InlineData("0950600013435", 2)]
    [InlineData("401234500001", 6)]
    public void Compute_weights_3_1_3_from_the_right(string digits, int check) =>
        Assert.Equal(check, CheckDigit.Compute(digits));
}
