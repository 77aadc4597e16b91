using DrugTrace.Application.Common.Validation;

namespace DrugTrace.Application.Tests.Common.Validation;

public sealed class Gs1FieldsTests
{
    [Theory]
    [InlineData("4012")]
    [InlineData("401234567890")]
    public void A_company_prefix_is_4_to_12_digits(string prefix) => Assert.Null(Gs1Fields.CompanyPrefixError(prefix));

    [Theory]
    [InlineData("401")]
    [InlineData("4012345678901")]
    [InlineData("40a2")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_company_prefix(string? prefix) =>
        Assert.Equal($"'{prefix}' is not a GS1 company prefix (4 to 12 digits).", Gs1Fields.CompanyPrefixError(prefix));

    [Fact]
    public void A_GTIN_lies_under_a_prefix_after_its_indicator_digit()
    {
        Assert.True(Gs1Fields.IsUnder("09506000134352", ["9506000"]));
        Assert.True(Gs1Fields.IsUnder("09506000134352", ["4012", "950600"]));
        Assert.False(Gs1Fields.IsUnder("09506000134352", ["0950600"]));
        Assert.False(Gs1Fields.IsUnder("09506000134352", []));
    }

    [Fact]
    public void A_date_outside_the_century_window_cannot_be_printed_as_YYMMDD()
    {
        var today = new DateOnly(2026, 3, 14);
        Assert.Null(Gs1Fields.Yymmdd("expiry", new DateOnly(2076, 12, 31), today));
        Assert.Null(Gs1Fields.Yymmdd("expiry", new DateOnly(1977, 1, 1), today));
        Assert.Equal(
            "The expiry 2077-01-01 cannot be printed as YYMMDD: the GS1 century rule would read it as 1977. Use a year from 1977 to 2076.",
            Gs1Fields.Yymmdd("expiry", new DateOnly(2077, 1, 1), today));
    }

    [Theory]
    [InlineData("", "The lot is empty.")]
    [InlineData(null, "The lot is empty.")]
    [InlineData("123456789012345678901", "The lot is 21 characters; at most 20 are allowed.")]
    [InlineData("AB CD", "U+0020 at position 3 is not allowed in a lot (GS1 character set 82).")]
    [InlineData("\tAB", "U+0009 at position 1 is not allowed in a lot (GS1 character set 82).")]
    [InlineData("AB\u00A0", "U+00A0 at position 3 is not allowed in a lot (GS1 character set 82).")]
    [InlineData("AB#", "'#' at position 3 is not allowed in a lot (GS1 character set 82).")]
    [InlineData("Ä", "'Ä' at position 1 is not allowed in a lot (GS1 character set 82).")]
    [InlineData("A\0", "U+0000 at position 2 is not allowed in a lot (GS1 character set 82).")]
    public void Set_82_refusals_name_the_character_and_its_position(string? value, string message) =>
        Assert.Equal(message, Gs1Fields.Set82Error("lot", value));

    [Theory]
    [InlineData("12345678901234567890")]
    [InlineData("A")]
    [InlineData("a-Z_/.%&'()*+,:;<=>?\"!")]
    public void Set_82_values_of_1_to_20_characters_are_fine(string value) =>
        Assert.Null(Gs1Fields.Set82Error("lot", value.Length > 20 ? value[..20] : value));
}
