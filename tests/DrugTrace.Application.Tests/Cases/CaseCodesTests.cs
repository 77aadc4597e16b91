using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Exceptions;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Cases;

/// <summary><see cref="CaseCodes"/>: an SSCC told from a pack code, and a wrong SSCC named as such.</summary>
public sealed class CaseCodesTests
{
    private static readonly DateOnly Today = new(2026, 3, 14);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_code_is_no_sscc(string? code) => Assert.False(CaseCodes.TryRead(code, Today, out _));

    [Fact]
    public void A_pack_code_is_no_sscc_and_an_sscc_in_any_form_is_read()
    {
        Assert.False(CaseCodes.TryRead(Code("S1"), Today, out _));
        Assert.True(CaseCodes.TryRead("(00)340123450000000017", Today, out var bracketed));
        Assert.Equal("340123450000000017", bracketed.Value);
        Assert.True(CaseCodes.TryRead("https://id.example.org/00/340123450000000017", Today, out var link));
        Assert.Equal("340123450000000017", link.Value);
    }

    [Fact]
    public void An_sscc_with_a_wrong_check_digit_is_the_callers_mistake_named_by_its_field()
    {
        var scanned = Assert.Throws<ValidationException>(() => CaseCodes.TryRead("(00)306141411234567893", Today, out _));
        Assert.Equal(["code"], scanned.Errors.Keys);
        Assert.Contains("check digit", scanned.Message);

        var given = Assert.Throws<ValidationException>(() => CaseCodes.Read("parentID", "306141411234567893"));
        Assert.Equal(("parentID", "SSCC 306141411234567893 has a wrong check digit (expected 1)."), (Assert.Single(given.Errors).Key, given.Errors["parentID"].Single()));
        Assert.Equal("340123450000000017", CaseCodes.Read("sscc", "340123450000000017").Value);
    }
}
