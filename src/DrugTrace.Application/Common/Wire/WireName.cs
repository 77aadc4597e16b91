using System.Collections.Frozen;
using System.Text;
using System.Text.Json.Serialization;

namespace DrugTrace.Application.Common.Wire;

/// <summary>
/// A value of <typeparamref name="TEnum"/> that the API, the hub and the stores write as its
/// kebab-case name (UndoDispense is "undo-dispense", Ok is "ok"), so the wire stays the words it
/// always was while code compares typed values. The implicit conversion from text parses the
/// name and throws for a word outside the set: it exists for literals, not for user input
/// (use <see cref="WireNames.TryParse{TEnum}"/> there).
/// </summary>
[JsonConverter(typeof(WireNameJsonConverterFactory))]
public readonly record struct WireName<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => Kebab(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    public WireName(TEnum value)
    {
        if (!Names.ContainsKey(value)) throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a {typeof(TEnum).Name}.");
        Value = value;
    }

    public TEnum Value { get; }

    /// <summary>The word written on the wire.</summary>
    public string Name => Names[Value];

    internal static readonly IReadOnlyList<WireName<TEnum>> Every = [.. Enum.GetValues<TEnum>().Select(v => new WireName<TEnum>(v))];

    internal static bool TryFind(string? text, out WireName<TEnum> name)
    {
        if (text is not null && Values.TryGetValue(text.Trim(), out var value))
        {
            name = new WireName<TEnum>(value);
            return true;
        }
        name = default;
        return false;
    }

    public static implicit operator WireName<TEnum>(TEnum value) => new(value);

    public static implicit operator WireName<TEnum>(string text) => WireNames.Parse<TEnum>(text);

    public override string ToString() => Name;

    private static string Kebab(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
