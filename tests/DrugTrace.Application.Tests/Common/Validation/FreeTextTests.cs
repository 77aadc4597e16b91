using DrugTrace.Application.Common.Validation;

namespace DrugTrace.Application.Tests.Common.Validation;

/// <summary>Printable text on one line: each refused character named with its code point and position.</summary>
public sealed class FreeTextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Blank_is_fine_unless_required(string? value)
    {
        Assert.Null(FreeText.Error("note", value, 10));
        Assert.Equal("The note is empty.", FreeText.Error("note", value, 10, required: true));
    }

    [Fact]
    public void Longer_than_the_limit_is_refused()
    {
        Assert.Null(FreeText.Error("name", "abcde", 5));
        Assert.Equal("The name is longer than 5 characters.", FreeText.Error("name", "abcdef", 5));
    }

    [Theory]
    [InlineData("a\0b", "a NUL character", 0x0000, 2)]
    [InlineData("ab\r", "a line break", 0x000D, 3)]
    [InlineData("\nx", "a line break", 0x000A, 1)]
    [InlineData("x\u0085", "a line break", 0x0085, 2)]
    [InlineData("x\u2028", "a line break", 0x2028, 2)]
    [InlineData("x\u2029", "a line break", 0x2029, 2)]
    [InlineData("x\u0007", "a control character", 0x0007, 2)]
    [InlineData("x\u061C", "a bidirectional text control", 0x061C, 2)]
    [InlineData("x\u200E", "a bidirectional text control", 0x200E, 2)]
    [InlineData("x\u200F", "a bidirectional text control", 0x200F, 2)]
    [InlineData("x\u202A", "a bidirectional text control", 0x202A, 2)]
    [InlineData("x\u202C", "a bidirectional text control", 0x202C, 2)]
    [InlineData("x\u202E", "a bidirectional text control", 0x202E, 2)]
    [InlineData("x\u2066", "a bidirectional text control", 0x2066, 2)]
    [InlineData("x\u2068", "a bidirectional text control", 0x2068, 2)]
    [InlineData("x\u2069", "a bidirectional text control", 0x2069, 2)]
    [InlineData("x\u200B", "an invisible formatting character", 0x200B, 2)]
    [InlineData("x\u2060", "an invisible formatting character", 0x2060, 2)]
    public void Each_refused_character_is_named_with_its_code_and_position(string value, string what, int code, int position) =>
        Assert.Equal($"The note contains {what} (U+{code:X4}) at position {position}; use plain text on one line.", FreeText.Error("note", value, 100));

    [Fact]
    public void A_lone_surrogate_is_a_broken_character()
    {
        const char high = (char)0xD83D, low = (char)0xDE00;
        Assert.Equal("The note contains a broken character (U+D83D) at position 2; use plain text on one line.", FreeText.Error("note", "x" + high, 100));
        Assert.Equal("The note contains a broken character (U+DE00) at position 2; use plain text on one line.", FreeText.Error("note", "x" + low + "y", 100));
        Assert.Equal("The note contains a broken character (U+D83D) at position 1; use plain text on one line.", FreeText.Error("note", $"{high}{high}x", 100));
        Assert.Null(FreeText.Error("note", $"{high}{low}", 100));
    }

    [Theory]
    [InlineData("Müller & Söhne")]
    [InlineData("x\u200Cy")]
    [InlineData("x\u200Dy")]
    [InlineData("Para\u00ADcetamol")]
    [InlineData("smile \uD83D\uDE00")]
    [InlineData("\uD83D\uDE00\uD83D\uDE00")]
    [InlineData("x\u2065")]
    [InlineData("x\u2070")]
    public void Ordinary_text_joiners_soft_hyphens_and_emoji_are_fine(string value) => Assert.Null(FreeText.Error("note", value, 100));

    [Fact]
    public void Around_the_bidirectional_ranges_characters_are_ordinary()
    {
        // U+2029 is a line break, U+202F a narrow no-break space, U+2065 unassigned, U+206A a deprecated format character.
        Assert.Null(FreeText.Error("note", "x\u202F", 100));
        Assert.StartsWith("The note contains an invisible formatting character", FreeText.Error("note", "x\u206A", 100));
        Assert.Null(FreeText.Error("note", "x\u061B", 100));
    }
}
