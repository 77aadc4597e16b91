using DrugTrace.Domain.Gs1;

using static DrugTrace.Domain.Tests.Gs1.ParseAssert;

namespace DrugTrace.Domain.Tests.Gs1;

/// <summary>The parser at the ends of its loops: a value that ends the text, an AI with nothing after it, a separator right after an AI.</summary>
public class Gs1ParserEdgeTests
{
    private const string Gtin = "09506000134352";

    [Fact]
    public void A_bracketed_value_ending_in_a_backslash_is_refused_for_its_character()
    {
        var error = Fails($"(01){Gtin}(10)AB\\");
        Assert.Equal(Gs1ErrorCode.InvalidCharacter, error.Code);
        Assert.Equal("10", error.Ai);
    }

    [Fact]
    public void An_escaped_bracket_keeps_what_looks_like_an_AI_after_it_in_the_value()
    {
        var code = Reads($"(01){Gtin}(10)A\\(21)B");
        Assert.Equal([new AiElement("01", Gtin), new AiElement("10", "A(21)B")], code.Elements);
    }

    [Theory]
    [InlineData($"01{Gtin}10", "Lot (10) has no value.")]
    [InlineData($"01{Gtin}10\u001d21A", "Lot (10) has no value.")]
    [InlineData($"01{Gtin}17\u001d271231", "Expiry (17) has no value.")]
    public void An_AI_with_nothing_before_the_end_or_the_next_separator_has_no_value(string input, string expected)
    {
        var error = Fails(input);
        Assert.Equal(Gs1ErrorCode.Malformed, error.Code);
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void A_repeated_AI_with_an_invalid_value_is_refused_for_the_value_not_as_a_duplicate()
    {
        var error = Fails($"(01){Gtin}(17)271231(17)271332(21)A");
        Assert.Equal(Gs1ErrorCode.InvalidDate, error.Code);
    }

    [Fact]
    public void A_separator_alias_at_the_very_start_is_a_leading_separator()
    {
        var code = Reads($"<GS>01{Gtin}21A");
        Assert.Equal([new AiElement("01", Gtin), new AiElement("21", "A")], code.Elements);
    }

    [Fact]
    public void A_character_just_past_ASCII_is_refused_as_a_character_not_a_crash()
    {
        var error = Fails($"(01){Gtin}(10)A\u0080");
        Assert.Equal(Gs1ErrorCode.InvalidCharacter, error.Code);
        Assert.StartsWith("Character U+0080 at position 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typed_code_with_a_space_after_the_symbology_identifier_is_read_as_typed()
    {
        var code = Reads($"]d2 01 {Gtin} 21 A");
        Assert.Equal([new AiElement("01", Gtin), new AiElement("21", "A")], code.Elements);
    }
}
