namespace DrugTrace.Application.Common.Wire;

/// <summary>Lists and reads the words of a <see cref="WireName{TEnum}"/>.</summary>
public static class WireNames
{
    /// <summary>Every value, in declaration order, with its word.</summary>
    public static IReadOnlyList<WireName<TEnum>> All<TEnum>() where TEnum : struct, Enum => WireName<TEnum>.Every;

    /// <summary>Reads a word, whatever its case and surrounding blanks; anything else is false.</summary>
    public static bool TryParse<TEnum>(string? text, out WireName<TEnum> name) where TEnum : struct, Enum =>
        WireName<TEnum>.TryFind(text, out name);

    public static WireName<TEnum> Parse<TEnum>(string text) where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var name) ? name
            : throw new FormatException($"'{text}' is not one of: {string.Join(", ", All<TEnum>().Select(n => n.Name))}.");
}
