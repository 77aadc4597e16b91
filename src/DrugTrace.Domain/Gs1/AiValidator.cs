using System.Text;

namespace DrugTrace.Domain.Gs1;

/// <summary>Checks values against their AI definition, and the AIs of one code against each other.</summary>
internal static class AiValidator
{
    // Lookup tables beat string searches in the hot path.
    private static readonly bool[] s_cset82 = Table(Linters.Cset82);
    private static readonly bool[] s_cset39 = Table("#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    private static readonly bool[] s_cset64 = Table("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    /// <summary>Length, then character set, then linters, component by component.</summary>
    /// <param name="mayLackSeparator">The value comes from an element string, where a too-long value often hides a missing GS.</param>
    public static Gs1Error? ValidateValue(AiDefinition def, string value, DateOnly today, bool mayLackSeparator = false)
    {
        var len = value.Length;
        if (len == 0)
            return new(Gs1ErrorCode.Malformed, $"{def.Label} has no value.", def.Ai);
        if (len > def.MaxLength)
        {
            var unit = def.IsNumeric ? "digits" : "characters";
            var hint = mayLackSeparator && def.RequiresSeparator ? "; if another element follows it, the separator (GS) after it is missing" : "";
            return def.IsFixedLength
                ? new(Gs1ErrorCode.InvalidLength, $"{def.Label} {Shorten(value)} is {len} {unit}; it must be exactly {def.MaxLength}{hint}.", def.Ai)
                : new(Gs1ErrorCode.InvalidLength, $"{def.Label} is {len} {unit}; at most {def.MaxLength} are allowed{hint}.", def.Ai);
        }
        if (len < def.MinLength)
        {
            var unit = def.IsNumeric ? "digits" : "characters";
            return def.IsFixedLength
                ? new(Gs1ErrorCode.InvalidLength, $"{def.Label} {value} is {len} {unit}; it must be exactly {def.MinLength}.", def.Ai)
                : new(Gs1ErrorCode.InvalidLength, $"{def.Label} {value} is {len} {unit}; at least {def.MinLength} are needed.", def.Ai);
        }

        var offset = 0;
        foreach (var comp in def.Components)
        {
            var remaining = len - offset;
            if (remaining == 0 && comp.IsOptional) break;
            var take = comp.IsFixedLength ? comp.MaxLength : Math.Min(remaining, comp.MaxLength);
            if (remaining < take || take < comp.MinLength)
                return new(Gs1ErrorCode.InvalidLength,
                    $"{def.Label} {value}: the part from position {offset + 1} is {remaining} characters; it must be {comp.MaxLength}.", def.Ai);
            var part = value.AsSpan(offset, take);
            var bad = FirstInvalid(comp.CharacterSet, part);
            if (bad >= 0)
                return new(Gs1ErrorCode.InvalidCharacter,
                    $"{Describe(part[bad])} at position {offset + bad + 1} is not allowed in {Article(def)}: {SetDescription(comp.CharacterSet)}.", def.Ai);
            foreach (var linter in comp.LinterKinds)
            {
                var problem = Linters.Check(linter, part, today, out var code);
                if (problem is not null)
                    return new(code, $"{def.Label} {value}{problem}.", def.Ai);
            }
            offset += take;
        }
        if (offset < len)
            return new(Gs1ErrorCode.InvalidLength, $"{def.Label} {value} has {len - offset} characters too many.", def.Ai);
        return null;
    }

    /// <summary>Duplicates, then req= and ex= over all AIs of the code.</summary>
    public static Gs1Error? ValidatePairs(List<AiElement> elements)
    {
        for (var i = 0; i < elements.Count; i++)
        {
            var e = elements[i];
            var def = AiTable.Get(e.Ai);
            foreach (var group in def.Requires)
            {
                var satisfied = false;
                foreach (var alternative in group)
                {
                    var all = true;
                    foreach (var pattern in alternative)
                        all &= AnyMatches(elements, pattern, null);
                    if (all)
                    {
                        satisfied = true;
                        break;
                    }
                }
                if (!satisfied)
                    return new(Gs1ErrorCode.MissingRequiredAi, $"{def.Label} needs {Alternatives(group)} in the same code.", e.Ai);
            }
            foreach (var pattern in def.Excludes)
            {
                foreach (var other in elements)
                {
                    if (other.Ai != e.Ai && Matches(other.Ai, pattern))
                        return new(Gs1ErrorCode.ExclusiveAis, $"{def.Label} and {AiTable.Get(other.Ai).Label} must not be in the same code.", e.Ai);
                }
            }
        }
        return null;
    }

    /// <summary>Adds an element; the same AI again is fine only with the same value.</summary>
    public static Gs1Error? Add(List<AiElement> elements, string ai, string value)
    {
        foreach (var e in elements)
        {
            if (e.Ai != ai) continue;
            if (e.Value == value) return null;
            return new(Gs1ErrorCode.DuplicateAi, $"{AiTable.Get(ai).Label} appears twice with different values: {e.Value} and {value}.", ai);
        }
        elements.Add(new AiElement(ai, value));
        return null;
    }

    public static string Describe(char c) =>
        c is >= ' ' and < '\x7f' ? $"'{c}'" : c == '\x1d' ? "A separator (GS)" : $"Character U+{(int)c:X4}";

    private static string Article(AiDefinition def) => def.Ai switch
    {
        "21" => "a GS1 serial (21)",
        "10" => "a GS1 lot (10)",
        _ => def.Label,
    };

    private static string SetDescription(CharacterSet set) => set switch
    {
        CharacterSet.Numeric => "only digits 0-9 are allowed",
        CharacterSet.Cset82 => "allowed are letters A-Z a-z, digits and ! \" % & ' ( ) * + , - . / : ; < = > ? _",
        CharacterSet.Cset39 => "allowed are capital letters A-Z, digits and # - /",
        _ => "allowed are letters A-Z a-z, digits, - and _ (base64url)",
    };

    private static int FirstInvalid(CharacterSet set, ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var ok = c < 128 && set switch
            {
                CharacterSet.Numeric => char.IsAsciiDigit(c),
                CharacterSet.Cset82 => s_cset82[c],
                CharacterSet.Cset39 => s_cset39[c],
                // '=' is base64 padding: only at the end.
                _ => s_cset64[c] || (c == '=' && s[i..].TrimStart('=').IsEmpty),
            };
            if (!ok) return i;
        }
        return -1;
    }

    private static bool AnyMatches(List<AiElement> elements, string pattern, string? except)
    {
        foreach (var e in elements)
            if (e.Ai != except && Matches(e.Ai, pattern)) return true;
        return false;
    }

    // "n" in a dictionary pattern stands for any digit ("310n", "35nn").
    private static bool Matches(string ai, string pattern)
    {
        if (ai.Length != pattern.Length) return false;
        for (var i = 0; i < ai.Length; i++)
            if (pattern[i] != ai[i] && !(pattern[i] == 'n' && char.IsAsciiDigit(ai[i]))) return false;
        return true;
    }

    private static string Alternatives(IReadOnlyList<IReadOnlyList<string>> group)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < group.Count; i++)
        {
            if (i > 0) sb.Append(i == group.Count - 1 ? " or " : ", ");
            for (var j = 0; j < group[i].Count; j++)
            {
                if (j > 0) sb.Append(" with ");
                var p = group[i][j];
                sb.Append(AiTable.TryGet(p, out var d) ? d.Label : $"AI {p}");
            }
        }
        return sb.ToString();
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";

    private static bool[] Table(string chars)
    {
        var t = new bool[128];
        foreach (var c in chars) t[c] = true;
        return t;
    }
}
