using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Tests.Gs1;

// The table is parsed once per process behind a Lazy; these tests parse dictionary text themselves,
// so that what the parser does is checked by a test of its own (and measured by mutation testing).
public class AiTableParseTests
{
    private static AiTable.Data Parse(params string[] lines) => AiTable.Parse(new StringReader(string.Join('\n', lines)));

    [Fact]
    public void The_embedded_dictionary_parses_to_541_ais_indexed_by_length_and_prefix()
    {
        var data = AiTable.Load();
        Assert.Equal(541, data.All.Count);
        Assert.Equal(data.All.Count, data.All.Select(d => d.Ai).Distinct().Count());
        Assert.Equal("01", data.By2[1]!.Ai);
        Assert.Equal("3103", data.By4[3103]!.Ai);
        Assert.Equal("253", data.By3[253]!.Ai);
        Assert.Null(data.By2[50]);
        Assert.Equal(2, data.PrefixLength[1]);
        Assert.Equal(3, data.PrefixLength[25]);
        Assert.Equal(4, data.PrefixLength[31]);
        Assert.Equal(0, data.PrefixLength[50]);
        Assert.Equal(["00", "01", "02"], data.All.Take(3).Select(d => d.Ai));
    }

    [Fact]
    public void A_line_gives_flags_components_linters_requirements_exclusions_and_digital_link_keys()
    {
        var data = Parse("01         *?  N14,csum,gcppos2                  ex=255,37 dlpkey=22,10,21|235                    # GTIN");
        var d = Assert.Single(data.All);
        Assert.Equal("01", d.Ai);
        Assert.Equal("GTIN", d.Title);
        Assert.True(d.IsPredefinedLength);
        Assert.True(d.IsDigitalLinkAttribute);
        Assert.True(d.IsDigitalLinkPrimaryKey);
        Assert.Equal([["22", "10", "21"], ["235"]], d.DigitalLinkQualifiers);
        Assert.Equal(["255", "37"], d.Excludes);
        Assert.Empty(d.Requires);
        var c = Assert.Single(d.Components);
        Assert.Equal((CharacterSet.Numeric, 14, 14, false), (c.CharacterSet, c.MinLength, c.MaxLength, c.IsOptional));
        Assert.Equal(["csum", "gcppos2"], c.Linters);
        Assert.Equal([Gs1Linter.Csum, Gs1Linter.GcpPos2], c.LinterKinds);
    }

    [Fact]
    public void Requirements_are_alternatives_of_ai_groups_and_a_plain_dlpkey_has_no_qualifiers()
    {
        var d = Assert.Single(Parse("8030        ?  Z..90  req=00,01+21,8010+8011  dlpkey # DIGSIG").All);
        Assert.False(d.IsPredefinedLength);
        Assert.True(d.IsDigitalLinkAttribute);
        Assert.True(d.IsDigitalLinkPrimaryKey);
        Assert.Empty(d.DigitalLinkQualifiers);
        var alternatives = Assert.Single(d.Requires);
        Assert.Equal([["00"], ["01", "21"], ["8010", "8011"]], alternatives);
        var c = Assert.Single(d.Components);
        Assert.Equal((CharacterSet.Cset64, 1, 90), (c.CharacterSet, c.MinLength, c.MaxLength));
        Assert.Equal("Digital signature", d.DisplayName);
    }

    [Fact]
    public void A_range_expands_to_every_ai_with_its_leading_zeros_and_the_same_title()
    {
        var data = Parse("3100-3105  *?  N6                                req=01,02 ex=310n                                # NET WEIGHT (kg)",
            "0501-0502     X..20 # SOMETHING");
        Assert.Equal(["3100", "3101", "3102", "3103", "3104", "3105", "0501", "0502"], data.All.Select(d => d.Ai));
        Assert.All(data.All.Take(6), d => Assert.Equal("NET WEIGHT (kg)", d.Title));
        Assert.All(data.All.Take(6), d => Assert.Equal("NET WEIGHT (kg)", d.DisplayName));
        Assert.Equal([[["01"], ["02"]]], data.All[0].Requires);
        Assert.Equal(["310n"], data.All[0].Excludes);
        Assert.False(data.All[0].IsDigitalLinkPrimaryKey);
        Assert.False(data.All[6].IsPredefinedLength);
        Assert.False(data.All[6].IsDigitalLinkAttribute);
    }

    [Fact]
    public void Component_types_lengths_and_optional_parts_are_read()
    {
        var d = Assert.Single(Parse("7007 N6,yymmdd [N6],yymmdd X..3 Y4 Z..5 # HARVEST DATE").All);
        Assert.Equal(
            [(CharacterSet.Numeric, 6, 6, false), (CharacterSet.Numeric, 6, 6, true), (CharacterSet.Cset82, 1, 3, false),
             (CharacterSet.Cset39, 4, 4, false), (CharacterSet.Cset64, 1, 5, false)],
            d.Components.Select(c => (c.CharacterSet, c.MinLength, c.MaxLength, c.IsOptional)));
        Assert.Equal(6 + 1 + 4 + 1, d.MinLength); // the optional part counts nothing, a variable one at least 1
        Assert.Equal(6 + 6 + 3 + 4 + 5, d.MaxLength);
        Assert.Equal([Gs1Linter.Yymmdd], d.Components[1].LinterKinds);
    }

    [Fact]
    public void Display_names_are_a_pharmacists_words_else_the_title_else_AI()
    {
        var data = Parse("10 X..20 # BATCH/LOT", "17 N6 # USE BY OR EXPIRY", "21 X..20 # SERIAL", "90 X..30", "91 X..90 # INTERNAL");
        Assert.Equal(["Lot", "Expiry", "Serial", "AI", "INTERNAL"], data.All.Select(d => d.DisplayName));
        Assert.Equal(["BATCH/LOT", "USE BY OR EXPIRY", "SERIAL", "", "INTERNAL"], data.All.Select(d => d.Title));
    }

    [Fact]
    public void Comments_blank_lines_and_unknown_attributes_are_skipped()
    {
        var data = Parse("# a comment", "", "   ", "  # indented comment", "10 X..20 newkey=1 # BATCH/LOT");
        var d = Assert.Single(data.All);
        Assert.Equal("10", d.Ai);
        Assert.Single(d.Components);
        Assert.Empty(d.Excludes);
        Assert.False(d.IsDigitalLinkPrimaryKey);
        Assert.Empty(d.DigitalLinkQualifiers);
    }

    [Theory]
    [InlineData(new[] { "10 Q3 # X" }, "line 1: unknown component type 'Q3'")]
    [InlineData(new[] { "# c", "10 ex=11 # X" }, "line 2: no specification")]
    [InlineData(new[] { "10 X1", "10 X2" }, "line 2: duplicate AI 10")]
    [InlineData(new[] { "10 X1", "100 X2" }, "line 2: prefix 10 has AIs of different lengths")]
    [InlineData(new[] { "31-310 N6" }, "line 1: bad AI '31-310'")]
    [InlineData(new[] { "1A N6" }, "line 1: bad AI '1A'")]
    [InlineData(new[] { "1A-12 N6" }, "line 1: bad AI '1A-12'")]
    [InlineData(new[] { "10-1A N6" }, "line 1: bad AI '10-1A'")]
    [InlineData(new[] { "- N6" }, "line 1: bad AI '-'")]
    [InlineData(new[] { "10" }, "line 1: no specification")]
    [InlineData(new[] { "10 # BATCH/LOT" }, "line 1: no specification")]
    [InlineData(new[] { "12345 N6" }, "line 1: AI length")]
    public void A_malformed_line_is_refused_with_its_line_number(string[] lines, string expected)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Parse(lines));
        Assert.Equal($"GS1 syntax dictionary {expected}.", e.Message);
    }

    [Theory]
    [InlineData("csum", Gs1Linter.Csum)]
    [InlineData("csumalpha", Gs1Linter.CsumAlpha)]
    [InlineData("key", Gs1Linter.Key)]
    [InlineData("gcppos1", Gs1Linter.GcpPos1)]
    [InlineData("gcppos2", Gs1Linter.GcpPos2)]
    [InlineData("yymmd0", Gs1Linter.Yymmd0)]
    [InlineData("yymmdd", Gs1Linter.Yymmdd)]
    [InlineData("yyyymmd0", Gs1Linter.Yyyymmd0)]
    [InlineData("yyyymmdd", Gs1Linter.Yyyymmdd)]
    [InlineData("yymmddhh", Gs1Linter.Yymmddhh)]
    [InlineData("hhmi", Gs1Linter.Hhmi)]
    [InlineData("hhmm", Gs1Linter.Hhmi)]
    [InlineData("hh", Gs1Linter.Hh)]
    [InlineData("mi", Gs1Linter.Mi)]
    [InlineData("ss", Gs1Linter.Ss)]
    [InlineData("iso3166", Gs1Linter.Iso3166)]
    [InlineData("iso3166999", Gs1Linter.Iso3166999)]
    [InlineData("iso3166alpha2", Gs1Linter.Iso3166Alpha2)]
    [InlineData("iso3166list", Gs1Linter.Iso3166List)]
    [InlineData("iso4217", Gs1Linter.Iso4217)]
    [InlineData("iso5218", Gs1Linter.Iso5218)]
    [InlineData("pcenc", Gs1Linter.Pcenc)]
    [InlineData("nonzero", Gs1Linter.NonZero)]
    [InlineData("zero", Gs1Linter.Zero)]
    [InlineData("pieceoftotal", Gs1Linter.PieceOfTotal)]
    [InlineData("winding", Gs1Linter.Winding)]
    [InlineData("yesno", Gs1Linter.YesNo)]
    [InlineData("hyphen", Gs1Linter.Hyphen)]
    [InlineData("latitude", Gs1Linter.Latitude)]
    [InlineData("longitude", Gs1Linter.Longitude)]
    [InlineData("mediatype", Gs1Linter.MediaType)]
    [InlineData("importeridx", Gs1Linter.ImporterIdx)]
    [InlineData("posinseqslash", Gs1Linter.PosInSeqSlash)]
    [InlineData("nozeroprefix", Gs1Linter.NoZeroPrefix)]
    [InlineData("hasnondigit", Gs1Linter.HasNonDigit)]
    [InlineData("iban", Gs1Linter.Iban)]
    [InlineData("couponcode", Gs1Linter.NotEnforced)]
    [InlineData("", Gs1Linter.NotEnforced)]
    internal void Each_dictionary_linter_name_resolves_to_its_check(string name, Gs1Linter expected) =>
        Assert.Equal(expected, Linters.Resolve(name));

    [Fact]
    public void An_AI_is_numeric_only_when_every_component_is_numeric()
    {
        var data = Parse("01 N14,csum # GTIN", "10 X..20 # BATCH/LOT", "7007 N6,yymmdd [N6],yymmdd # HARVEST DATE", "7030 N3,iso3166999 X..27 # PROCESSOR # 0");
        Assert.Equal([true, false, true, false], data.All.Select(d => d.IsNumeric));
    }
}
