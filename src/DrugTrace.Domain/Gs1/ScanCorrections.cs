using System.Text;

namespace DrugTrace.Domain.Gs1;

/// <summary>
/// Most false alerts come from scanners, not counterfeiters (1-3% of EU scans). Given what
/// arrived, this lists the pack codes that the known garblings could have come from; the
/// caller checks them against the ledger and treats a single genuine match as a probable
/// scanning error instead of a counterfeit.
/// </summary>
public static class ScanCorrections
{
    // Interesting positions to re-insert a lost separator: where a serial, lot or expiry may start.
    private static readonly string[] PackAis = ["21", "10", "17"];

    private static readonly Dictionary<char, char> Qwertz = new() { ['y'] = 'z', ['z'] = 'y', ['Y'] = 'Z', ['Z'] = 'Y' };

    private static readonly Dictionary<char, char> Azerty = new()
    {
        ['&'] = '1', ['é'] = '2', ['"'] = '3', ['\''] = '4', ['('] = '5', ['-'] = '6', ['è'] = '7', ['_'] = '8', ['ç'] = '9', ['à'] = '0',
        ['a'] = 'q', ['q'] = 'a', ['z'] = 'w', ['w'] = 'z', ['A'] = 'Q', ['Q'] = 'A', ['Z'] = 'W', ['W'] = 'Z',
    };

    /// <summary>Pack codes the scan may have been, each different from what it reads as now.</summary>
    public static IReadOnlyList<CorrectedScan> Candidates(string? scanned, DateOnly today)
    {
        var results = new List<CorrectedScan>();
        if (string.IsNullOrWhiteSpace(scanned) || scanned.Length > 512) return results;
        var asScanned = Gs1Parser.ParsePack(scanned, today);
        var seen = new HashSet<(string, string)>();
        if (asScanned.IsSuccess) seen.Add((asScanned.Value.Gtin.Value, asScanned.Value.Serial));

        void Try(string text, ScanCorrection correction)
        {
            var parsed = Gs1Parser.ParsePack(text, today);
            if (parsed.IsSuccess && (asScanned.Value is null || parsed.Value != asScanned.Value)
                && seen.Add((parsed.Value.Gtin.Value, parsed.Value.Serial + "|" + parsed.Value.Lot)))
                results.Add(new CorrectedScan(parsed.Value, correction));
        }

        var inverted = InvertCase(scanned);
        Try(inverted, ScanCorrection.CapsLock);
        foreach (var text in ReplacedSeparators(scanned)) Try(text, ScanCorrection.ReplacedSeparator);
        foreach (var text in LostSeparators(scanned)) Try(text, ScanCorrection.LostSeparator);
        // Caps Lock and a dropped separator often come together from the same badly set-up scanner.
        foreach (var text in LostSeparators(inverted)) Try(text, ScanCorrection.LostSeparator);
        Try(Map(scanned, Qwertz), ScanCorrection.QwertzLayout);
        Try(Map(scanned, Azerty), ScanCorrection.AzertyLayout);
        return results;
    }

    /// <summary>Plain words for a pharmacist: what probably went wrong and how to fix the scanner.</summary>
    public static string Explain(ScanCorrection correction) => correction switch
    {
        ScanCorrection.CapsLock => "the letters arrived in the wrong case (is Caps Lock on?)",
        ScanCorrection.LostSeparator => "the scanner dropped the GS1 separator between two fields (check its FNC1/GS setting)",
        ScanCorrection.ReplacedSeparator => "the scanner sent another character for the GS1 separator (check its FNC1/GS setting)",
        ScanCorrection.QwertzLayout => "the scanner types for a US keyboard but the computer uses a German one (Y and Z swapped)",
        ScanCorrection.AzertyLayout => "the scanner types for a US keyboard but the computer uses a French one",
        _ => correction.ToString(),
    };

    private static string InvertCase(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            chars[i] = char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c) : c;
        }
        return new string(chars);
    }

    private static string Map(string text, Dictionary<char, char> map)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(map.TryGetValue(c, out var mapped) ? mapped : c);
        return builder.ToString();
    }

    // Every character that cannot be in a GS1 value is a candidate for a garbled separator.
    private static IEnumerable<string> ReplacedSeparators(string text)
    {
        if (IsUriOrBracketed(text)) yield break;
        var start = text.StartsWith(']') ? 3 : 0;
        foreach (var c in text.Skip(start).Distinct())
        {
            if (c == Gs1Parser.GroupSeparator || Cset82.Contains(c) || c == ' ') continue;
            yield return text[..Math.Min(start, text.Length)] + text[Math.Min(start, text.Length)..].Replace(c, Gs1Parser.GroupSeparator);
        }
    }

    // A lost separator: try one back in front of each place where a pack AI could start.
    private static IEnumerable<string> LostSeparators(string text)
    {
        if (IsUriOrBracketed(text)) yield break;
        for (var i = 3; i < text.Length - 2; i++)
        {
            foreach (var ai in PackAis)
            {
                if (string.CompareOrdinal(text, i, ai, 0, 2) == 0 && text[i - 1] != Gs1Parser.GroupSeparator)
                    yield return text[..i] + Gs1Parser.GroupSeparator + text[i..];
            }
        }
    }

    private static bool IsUriOrBracketed(string text)
    {
        var t = text.TrimStart();
        if (t.StartsWith(']') && t.Length >= 3) t = t[3..];
        return t.StartsWith('(') || t.StartsWith("http", StringComparison.OrdinalIgnoreCase);
    }
}
