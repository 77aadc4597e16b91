using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

/// <summary>A definition and its components print as the dictionary line they were read from.</summary>
public class AiComponentTests
{
    [Theory]
    [InlineData("17", "17 N6,yymmd0 # USE BY or EXPIRY")]
    [InlineData("21", "21 X..20 # SERIAL")]
    [InlineData("01", "01 N14,csum,gcppos2 # GTIN")]
    [InlineData("253", "253 N13,csum,gcppos1 [X..17] # GDTI")]
    [InlineData("7007", "7007 N6,yymmdd [N6],yymmdd # HARVEST DATE")]
    [InlineData("8008", "8008 N6,yymmdd N2,hh [N2],mi [N2],ss # PROD TIME")]
    [InlineData("8010", "8010 Y..30,gcppos1 # CPID")]
    [InlineData("8030", "8030 Z..90 # DIGSIG")]
    public void A_definition_prints_its_components_in_dictionary_syntax(string ai, string line)
    {
        Assert.Equal(line, AiTable.Get(ai).ToString());
    }

    [Fact]
    public void A_component_tells_its_set_lengths_optionality_and_linters()
    {
        var gdti = AiTable.Get("253").Components;
        Assert.Equal((CharacterSet.Numeric, 13, 13, false, true), (gdti[0].CharacterSet, gdti[0].MinLength, gdti[0].MaxLength, gdti[0].IsOptional, gdti[0].IsFixedLength));
        Assert.Equal(["csum", "gcppos1"], gdti[0].Linters);
        Assert.Equal((CharacterSet.Cset82, 1, 17, true, false), (gdti[1].CharacterSet, gdti[1].MinLength, gdti[1].MaxLength, gdti[1].IsOptional, gdti[1].IsFixedLength));
        Assert.Empty(gdti[1].Linters);
        Assert.Equal(CharacterSet.Cset39, AiTable.Get("8010").Components[0].CharacterSet);
        Assert.Equal(CharacterSet.Cset64, AiTable.Get("8030").Components[0].CharacterSet);
    }
}
