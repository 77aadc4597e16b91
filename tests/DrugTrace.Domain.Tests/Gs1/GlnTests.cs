using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public class GlnTests
{
    [Theory]
    [InlineData("4012345000016", "4012345000016")]
    [InlineData(" 4012346000015 ", "4012346000015")]
    public void A_GLN_with_its_right_check_digit_is_accepted(string text, string expected)
    {
        Assert.True(Gln.TryParse(text, out var gln, out var error));
        Assert.Equal(expected, gln.Value);
        Assert.Equal(expected, Gln.Parse(text).ToString());
        Assert.Equal("", error);
    }

    [Fact]
    public void A_GLN_with_a_wrong_check_digit_is_refused_naming_the_right_one()
    {
        Assert.False(Gln.TryParse("4012345000017", out var gln, out var error));
        Assert.Equal(default, gln);
        Assert.Equal("GLN 4012345000017 has a wrong check digit (expected 6).", error);
        Assert.Equal(error, Assert.Throws<FormatException>(() => Gln.Parse("4012345000017")).Message);
    }

    [Theory]
    [InlineData(null, "The GLN is empty.")]
    [InlineData(" ", "The GLN is empty.")]
    [InlineData("401234500001", "A GLN is 13 digits; '401234500001' is not.")]
    [InlineData("04012345000016", "A GLN is 13 digits; '04012345000016' is not.")]
    [InlineData("401234500001X", "A GLN is 13 digits; '401234500001X' is not.")]
    public void Anything_but_13_ascii_digits_is_refused(string? text, string expectedError)
    {
        Assert.False(Gln.TryParse(text, out _, out var error));
        Assert.Equal(expectedError, error);
    }

    [Fact]
    public void The_default_value_prints_as_empty() => Assert.Equal("", default(Gln).ToString());
}
