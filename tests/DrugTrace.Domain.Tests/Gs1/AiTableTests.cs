using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

public class AiTableTests
{
    [Fact]
    public void Loads_every_ai_of_the_dictionary_with_ranges_expanded()
    {
        // 224 entry lines in the 2026-01-27 release; ranges such as 3100-3105 and 91-99 expand to 541 AIs.
        Assert.Equal(541, AiTable.All.Count);
        Assert.Equal(AiTable.All.Count, AiTable.All.Select(d => d.Ai).Distinct().Count());
    }

    [Fact]
    public void Gtin_01_is_n14_csum_predefined_length_and_a_digital_link_key()
    {
        var d = AiTable.Get("01");
        Assert.True(d.IsPredefinedLength);
        Assert.False(d.RequiresSeparator);
        Assert.True(d.IsDigitalLinkAttribute);
        var c = Assert.Single(d.Components);
        Assert.Equal(CharacterSet.Numeric, c.CharacterSet);
        Assert.Equal(14, c.MinLength);
        Assert.True(c.IsFixedLength);
        Assert.Equal(["csum", "gcppos2"], c.Linters);
        Assert.True(d.IsDigitalLinkPrimaryKey);
        Assert.Equal([["22", "10", "21"], ["235"]], d.DigitalLinkQualifiers);
        Assert.Equal(["255", "37"], d.Excludes);
        Assert.Equal("GTIN", d.Title);
    }

    [Fact]
    public void Serial_21_is_x20_variable_and_needs_a_separator()
    {
        var d = AiTable.Get("21");
        Assert.False(d.IsPredefinedLength);
        Assert.True(d.RequiresSeparator);
        Assert.False(d.IsDigitalLinkAttribute);
        Assert.Equal(1, d.MinLength);
        Assert.Equal(20, d.MaxLength);
        Assert.Equal(CharacterSet.Cset82, d.Components[0].CharacterSet);
        Assert.Equal([["01"], ["03"], ["8006"]], d.Requires[0]);
        Assert.Equal(["235"], d.Excludes);
    }

    [Fact]
    public void Expiry_17_is_n6_yymmd0()
    {
        var d = AiTable.Get("17");
        Assert.True(d.IsPredefinedLength);
        Assert.Equal(6, d.MaxLength);
        Assert.True(d.IsFixedLength);
        Assert.Equal(["yymmd0"], d.Components[0].Linters);
        Assert.Equal("USE BY or EXPIRY", d.Title);
    }

    [Fact]
    public void Gln_414_is_n13_csum_with_its_digital_link_qualifiers()
    {
        var d = AiTable.Get("414");
        Assert.Equal(13, d.MaxLength);
        Assert.Contains("csum", d.Components[0].Linters);
        Assert.Equal([["254"], ["7040"]], d.DigitalLinkQualifiers);
    }

    [Theory]
    [InlineData("710", "NHRN PZN")]
    [InlineData("711", "NHRN CIP")]
    [InlineData("712", "NHRN CN")]
    [InlineData("713", "NHRN DRN")]
    [InlineData("714", "NHRN AIM")]
    [InlineData("715", "NHRN NDC")]
    [InlineData("716", "NHRN AIC")]
    [InlineData("717", "NHRN SRN")]
    public void National_healthcare_numbers_710_to_717_exist(string ai, string title)
    {
        var d = AiTable.Get(ai);
        Assert.Equal(title, d.Title);
        Assert.Equal(20, d.MaxLength);
        Assert.Equal([["01"]], d.Requires[0]);
    }

    [Fact]
    public void Digital_signature_8030_is_base64url_up_to_90_and_needs_gtin_with_serial()
    {
        var d = AiTable.Get("8030");
        Assert.Equal(CharacterSet.Cset64, d.Components[0].CharacterSet);
        Assert.Equal(90, d.MaxLength);
        Assert.Contains(d.Requires[0], alt => alt.SequenceEqual(["01", "21"]));
    }

    [Fact]
    public void Ranges_and_optional_components_are_read()
    {
        Assert.True(AiTable.TryGet("3103", out var net));
        Assert.Equal(["310n"], net.Excludes);
        Assert.False(AiTable.TryGet("3106", out _));
        Assert.True(AiTable.TryGet("99", out var internal99));
        Assert.Equal(90, internal99.MaxLength);

        var d = AiTable.Get("423");
        Assert.Equal(5, d.Components.Count);
        Assert.False(d.Components[0].IsOptional);
        Assert.True(d.Components[4].IsOptional);
        Assert.Equal(3, d.MinLength);
        Assert.Equal(15, d.MaxLength);

        var grai = AiTable.Get("8003");
        Assert.Equal(["zero"], grai.Components[0].Linters);
        Assert.Equal(14, grai.MinLength);
        Assert.Equal(30, grai.MaxLength);
    }

    [Fact]
    public void Repeated_req_attributes_are_all_kept()
    {
        // 250: req=01,8006 req=21
        var d = AiTable.Get("250");
        Assert.Equal(2, d.Requires.Count);
        Assert.Equal([["21"]], d.Requires[1]);
    }

    [Fact]
    public void Entries_without_title_still_load()
    {
        var d = AiTable.Get("8110");
        Assert.Equal("", d.Title);
        Assert.Equal(70, d.MaxLength);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("04")]
    [InlineData("999")]
    [InlineData("3106")]
    [InlineData("12345")]
    [InlineData("1a")]
    public void Unknown_ais_are_not_found(string ai) => Assert.False(AiTable.TryGet(ai, out _));

    [Fact]
    public void Get_of_an_AI_that_does_not_exist_names_it()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => AiTable.Get("50"));
        Assert.Equal("AI 50 is not a GS1 Application Identifier.", e.Message);
    }
}
