using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Cases;

public class SsccTests
{
    // An SSCC with extension 3, company prefix 0614141 and serial reference 123456789 (check digit worked out by hand).
    private const string Example = "306141411234567891";

    [Theory]
    [InlineData(Example)]
    [InlineData("(00)" + Example)]
    [InlineData("00" + Example)]
    [InlineData(" 3061 4141 1234 5678 91 ")]
    public void Reads_18_digits_with_their_check_digit_in_the_written_forms(string text)
    {
        Assert.True(Sscc.TryParse(text, out var sscc, out var error), error);
        Assert.Equal(Example, sscc.Value);
        Assert.Equal("00" + Example, sscc.ElementString);
        Assert.Equal("(00) " + Example, sscc.Display);
    }

    [Fact]
    public void A_wrong_check_digit_is_refused_with_the_right_one_named()
    {
        Assert.False(Sscc.TryParse("306141411234567893", out _, out var error));
        Assert.Equal("SSCC 306141411234567893 has a wrong check digit (expected 1).", error);
    }

    [Theory]
    [InlineData("", "The SSCC is empty.")]
    [InlineData("30614141123456789", "An SSCC is 18 digits; '30614141123456789' is not.")]
    [InlineData("30614141123456789A", "An SSCC is 18 digits; '30614141123456789A' is not.")]
    public void Other_lengths_and_characters_are_refused(string text, string expected)
    {
        Assert.False(Sscc.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Create_puts_extension_prefix_and_padded_reference_together_with_a_valid_check_digit()
    {
        var sscc = Sscc.Create(3, "0614141", 123456789);
        Assert.Equal(Example, sscc.Value);

        var small = Sscc.Create(0, "4012346", 42);
        Assert.Equal("04012346000000042", small.Value[..17]);
        Assert.True(CheckDigit.IsValid(small.Value));
        Assert.Equal(1_000_000_000L, Sscc.ReferenceCount("4012346"));
        Assert.Equal(10_000_000L, Sscc.ReferenceCount("401234600"));
    }

    [Fact]
    public void Create_refuses_what_does_not_fit()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sscc.Create(0, "4012346", 1_000_000_000));
        Assert.Throws<ArgumentException>(() => Sscc.Create(0, "40123", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sscc.Create(10, "4012346", 1));
    }

    [Theory]
    [InlineData("(00)" + Example)]
    [InlineData("00" + Example)]
    [InlineData("]C100" + Example)]
    [InlineData("https://id.example.org/00/" + Example)]
    public void The_gs1_parser_reads_an_sscc_in_every_form(string code)
    {
        var parsed = Gs1Parser.Parse(code, new DateOnly(2026, 3, 14));
        Assert.True(parsed.IsSuccess, parsed.ToString());
        Assert.Equal(Example, parsed.Value!["00"]);
    }

    [Fact]
    public void The_gs1_parser_refuses_an_sscc_with_a_wrong_check_digit_naming_ai_00()
    {
        var parsed = Gs1Parser.Parse("(00)306141411234567893", new DateOnly(2026, 3, 14));
        Assert.False(parsed.IsSuccess);
        Assert.Equal("00", parsed.Error!.Ai);
    }
    [Fact]
    public void Null_reads_as_empty_and_a_success_leaves_no_error()
    {
        Assert.False(Sscc.TryParse(null, out _, out var error));
        Assert.Equal("The SSCC is empty.", error);
        Assert.True(Sscc.TryParse(Example, out _, out var none));
        Assert.Equal("", none);
        Assert.Equal("", default(Sscc).ToString());
        Assert.Equal(Example, Sscc.Parse(Example).ToString());
    }

    [Fact]
    public void Twenty_digits_lose_their_first_two_only_when_they_are_00()
    {
        Assert.False(Sscc.TryParse("12" + Example, out _, out var error));
        Assert.Equal($"An SSCC is 18 digits; '12{Example}' is not.", error);
    }

    [Fact]
    public void A_long_text_is_shortened_to_30_characters_in_the_refusal()
    {
        var thirty = new string('1', 30);
        Assert.False(Sscc.TryParse(thirty, out _, out var exact));
        Assert.Equal($"An SSCC is 18 digits; '{thirty}' is not.", exact);
        Assert.False(Sscc.TryParse(thirty + "2", out _, out var longer));
        Assert.Equal($"An SSCC is 18 digits; '{thirty}...' is not.", longer);
    }

    [Fact]
    public void Create_takes_the_edges_of_each_range()
    {
        Assert.Equal('9', Sscc.Create(9, "0614141", 1).Value[0]);
        Assert.Equal("0123456789", Sscc.Create(0, "0123456789", 1).Value[1..11]);
        Assert.Equal("00614141000000000", Sscc.Create(0, "0614141", 0).Value[..17]);
    }

    [Fact]
    public void Create_names_what_does_not_fit()
    {
        var extension = Assert.Throws<ArgumentOutOfRangeException>(() => Sscc.Create(-1, "0614141", 1));
        Assert.StartsWith("The extension digit is 0-9.", extension.Message, StringComparison.Ordinal);
        var prefix = Assert.Throws<ArgumentException>(() => Sscc.Create(0, "061414A", 1));
        Assert.StartsWith("A GS1 company prefix is 7 to 10 digits.", prefix.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Sscc.Create(0, "01234567890", 1));
        var reference = Assert.Throws<ArgumentOutOfRangeException>(() => Sscc.Create(0, "0614141", -1));
        Assert.StartsWith("The serial reference has at most 9 digits under this prefix.", reference.Message, StringComparison.Ordinal);
    }
}
