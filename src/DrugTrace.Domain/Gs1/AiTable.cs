using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace DrugTrace.Domain.Gs1;

/// <summary>
/// Every GS1 Application Identifier, read once (lazily, thread-safe) from the embedded GS1
/// syntax dictionary. Lookups index arrays by the AI's numeric value: no allocation per call.
/// </summary>
public static class AiTable
{
    internal const string ResourceName = "DrugTrace.Domain.Gs1.gs1-syntax-dictionary.txt";

    private static readonly Lazy<Data> s_data = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    // Names a pharmacist recognises; other AIs use the dictionary title.
    private static readonly Dictionary<string, string> s_displayNames = new()
    {
        ["00"] = "SSCC",
        ["01"] = "GTIN",
        ["02"] = "Contained GTIN",
        ["10"] = "Lot",
        ["11"] = "Production date",
        ["15"] = "Best before",
        ["17"] = "Expiry",
        ["21"] = "Serial",
        ["22"] = "CPV",
        ["240"] = "Additional product ID",
        ["250"] = "Secondary serial",
        ["414"] = "GLN",
        ["8030"] = "Digital signature",
    };

    /// <summary>All AIs, ranges expanded, in dictionary order.</summary>
    public static IReadOnlyList<AiDefinition> All => s_data.Value.All;

    public static bool TryGet(ReadOnlySpan<char> ai, [NotNullWhen(true)] out AiDefinition? definition)
    {
        definition = null;
        if (ai.Length is < 2 or > 4) return false;
        var n = 0;
        foreach (var c in ai)
        {
            if (!char.IsAsciiDigit(c)) return false;
            n = n * 10 + (c - '0');
        }
        var data = s_data.Value;
        definition = ai.Length switch { 2 => data.By2[n], 3 => data.By3[n], _ => data.By4[n] };
        return definition is not null;
    }

    public static AiDefinition Get(string ai) =>
        TryGet(ai, out var d) ? d : throw new KeyNotFoundException($"AI {ai} is not a GS1 Application Identifier.");

    /// <summary>
    /// The length of the AIs that start with these two digits (2, 3 or 4), or 0 when no AI starts
    /// so. In the dictionary every two-digit prefix has one AI length, which is what lets an
    /// element string be split without separators between AI and value.
    /// </summary>
    internal static int AiLengthForPrefix(char first, char second)
    {
        if (!char.IsAsciiDigit(first) || !char.IsAsciiDigit(second)) return 0;
        return s_data.Value.PrefixLength[(first - '0') * 10 + (second - '0')];
    }

    /// <summary>The parsed dictionary: every AI, indexed by its numeric value per length.</summary>
    internal sealed class Data
    {
        public AiDefinition?[] By2 { get; } = new AiDefinition?[100];
        public AiDefinition?[] By3 { get; } = new AiDefinition?[1000];
        public AiDefinition?[] By4 { get; } = new AiDefinition?[10000];
        public int[] PrefixLength { get; } = new int[100];
        public List<AiDefinition> All { get; } = [];
    }

    // Internal: a test parses the embedded dictionary through this same path, not through the Lazy.
    internal static Data Load()
    {
        using var stream = typeof(AiTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    /// <summary>
    /// Parses dictionary text. Separate from the lazy load so that tests can parse it themselves:
    /// the table is read once per process, which no later test could otherwise check.
    /// </summary>
    internal static Data Parse(TextReader reader)
    {
        var data = new Data();
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            foreach (var def in ParseLine(trimmed, lineNo))
            {
                var n = int.Parse(def.Ai);
                var slot = def.Ai.Length switch { 2 => data.By2, 3 => data.By3, 4 => data.By4, _ => throw Bad(lineNo, "AI length") };
                if (slot[n] is not null) throw Bad(lineNo, $"duplicate AI {def.Ai}");
                slot[n] = def;
                var prefix = n / (int)Math.Pow(10, def.Ai.Length - 2);
                if (data.PrefixLength[prefix] != 0 && data.PrefixLength[prefix] != def.Ai.Length)
                    throw Bad(lineNo, $"prefix {prefix:00} has AIs of different lengths");
                data.PrefixLength[prefix] = def.Ai.Length;
                data.All.Add(def);
            }
        }
        return data;
    }

    private static InvalidOperationException Bad(int lineNo, string what) =>
        new($"GS1 syntax dictionary line {lineNo}: {what}.");

    private static IEnumerable<AiDefinition> ParseLine(string line, int lineNo)
    {
        var hash = line.IndexOf('#');
        var title = hash >= 0 ? line[(hash + 1)..].Trim() : "";
        var tokens = (hash >= 0 ? line[..hash] : line).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        var aiToken = tokens[i++];
        var flags = "";
        if (i < tokens.Length && tokens[i].All(c => "*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~".Contains(c)))
            flags = tokens[i++];

        var components = new List<AiComponent>();
        for (; i < tokens.Length && !IsAttribute(tokens[i]); i++)
            components.Add(ParseComponent(tokens[i], lineNo));
        if (components.Count == 0) throw Bad(lineNo, "no specification");

        var requires = new List<string[][]>();
        var excludes = new List<string>();
        var dlpkey = false;
        string[][] qualifiers = [];
        for (; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (t.StartsWith("req=", StringComparison.Ordinal))
                requires.Add([.. t[4..].Split(',').Select(alt => alt.Split('+'))]);
            else if (t.StartsWith("ex=", StringComparison.Ordinal))
                excludes.AddRange(t[3..].Split(','));
            else if (t == "dlpkey")
                dlpkey = true;
            else if (t.StartsWith("dlpkey=", StringComparison.Ordinal))
            {
                dlpkey = true;
                qualifiers = [.. t[7..].Split('|').Select(seq => seq.Split(','))];
            }
            // Other attributes are ignored: the dictionary may add keys we do not use.
        }

        var dash = aiToken.IndexOf('-');
        var first = dash < 0 ? aiToken : aiToken[..dash];
        var last = dash < 0 ? aiToken : aiToken[(dash + 1)..];
        if (first.Length == 0 || first.Length != last.Length || !first.All(char.IsAsciiDigit) || !last.All(char.IsAsciiDigit))
            throw Bad(lineNo, $"bad AI '{aiToken}'");
        var componentArray = components.ToArray();
        var requireArray = requires.ToArray();
        var excludeArray = excludes.ToArray();
        for (int n = int.Parse(first), end = int.Parse(last); n <= end; n++)
        {
            var ai = n.ToString().PadLeft(first.Length, '0');
            var name = s_displayNames.TryGetValue(ai, out var friendly) ? friendly : title.Length > 0 ? title : "AI";
            yield return new AiDefinition(ai, title, name, flags.Contains('*'), flags.Contains('?'),
                componentArray, requireArray, excludeArray, dlpkey, qualifiers);
        }
    }

    private static bool IsAttribute(string token) => token.Contains('=') || token == "dlpkey";

    private static AiComponent ParseComponent(string token, int lineNo)
    {
        var optional = token.StartsWith('[');
        var parts = token.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split(',');
        var type = parts[0];
        var set = type[0] switch
        {
            'N' => CharacterSet.Numeric,
            'X' => CharacterSet.Cset82,
            'Y' => CharacterSet.Cset39,
            'Z' => CharacterSet.Cset64,
            _ => throw Bad(lineNo, $"unknown component type '{type}'"),
        };
        int min, max;
        if (type.AsSpan(1).StartsWith(".."))
        {
            min = 1;
            max = int.Parse(type.AsSpan(3));
        }
        else
        {
            min = max = int.Parse(type.AsSpan(1));
        }
        var linters = parts[1..];
        return new AiComponent(set, min, max, optional, linters, [.. linters.Select(Linters.Resolve)]);
    }
}
