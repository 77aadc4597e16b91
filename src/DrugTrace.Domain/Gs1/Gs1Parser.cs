namespace DrugTrace.Domain.Gs1;

/// <summary>
/// One entry point for whatever a scanner or a person gives: a GS1 element string (DataMatrix,
/// QR, 128, DataBar; with or without symbology identifier and leading FNC1), a GS1 Digital Link
/// URI, or the bracketed human-readable form.
/// </summary>
/// <remarks>
/// Typed input rule: whitespace around the input is trimmed. Inside an element string a run of
/// spaces (or tabs) is a separator. A space-separated token that is exactly a known AI (e.g.
/// "21") takes the next token as its value; any other token is one or more AI+value elements
/// written together, ended by the space as by FNC1. This never changes the meaning of a valid
/// input: a space is in no AI's character set, and a token that is only an AI can never be a
/// complete element by itself (no AI allows an empty value). So
/// "01 09506000134352 17 271231 10 LOT42 21 SN1" and "0109506000134352 17271231 10LOT42 21SN1"
/// both work.
/// </remarks>
public static class Gs1Parser
{
    internal const char GroupSeparator = '\x1d';

    // Keyboard-wedge scanners deliver FNC1/GS in these ways.
    private static readonly string[] s_separatorAliases = ["<GS>", "{GS}", "^]", "\u241D"];

    /// <summary>Parses and validates one scanned or typed code.</summary>
    public static Gs1ParseResult Parse(string? input, DateOnly today)
    {
        var text = (input ?? "").AsSpan().Trim(" \t\r\n\v\f\u00a0");
        if (text.IsEmpty)
            return Fail(Gs1ErrorCode.Empty, "Nothing was scanned or typed.");

        string? symbology = null;
        if (text.Length >= 3 && text[0] == ']' && char.IsAsciiLetter(text[1]) && char.IsAsciiDigit(text[2]))
        {
            symbology = SymbologyString(text[..3]);
            text = text[3..];
            if (text.IsEmpty)
                return Fail(Gs1ErrorCode.Empty, $"The scanner sent only a symbology identifier ({symbology}) and no data.");
        }

        if (StartsWithHttp(text))
            return DigitalLinkParser.Parse(text, symbology, today);

        if (symbology is not null && !IsGs1Symbology(symbology))
        {
            return IsPlainSymbology(symbology)
                ? Fail(Gs1ErrorCode.NotGs1, $"This barcode ({symbology}, {SymbologyName(symbology)} without GS1 data) carries plain text, not GS1 data.")
                : Fail(Gs1ErrorCode.UnsupportedSymbology, $"This barcode type ({symbology}) cannot carry GS1 pack data; scan the 2D code (DataMatrix) of the pack.");
        }

        var elements = new List<AiElement>(6);
        Gs1Error? error;
        ScanFormat format;
        var rest = text.TrimStart(GroupSeparator);
        if (!rest.IsEmpty && rest[0] == '(')
        {
            format = ScanFormat.HumanReadable;
            error = ParseBracketed(rest, elements, today);
        }
        else
        {
            format = ScanFormat.ElementString;
            var normalized = NormalizeSeparators(text);
            error = normalized.AsSpan().IndexOfAny(' ', '\t') >= 0
                ? ParseTyped(normalized, elements, today)
                : ParseElementString(normalized, 0, elements, today);
        }
        return error is not null ? Gs1ParseResult.Failure(error) : Complete(format, symbology, elements, today);
    }

    /// <summary>Parses a code that must identify one pack: GTIN (01) and serial (21); lot (10) and expiry (17) if present.</summary>
    public static PackParseResult ParsePack(string? input, DateOnly today)
    {
        var result = Parse(input, today);
        if (!result.IsSuccess) return PackParseResult.Failure(result.Error);
        var code = result.Value;
        if (!code.TryGet("01", out var gtin))
            return PackParseResult.Failure(new(Gs1ErrorCode.MissingGtin, "The code has no GTIN (01): it does not identify a medicine pack.", "01"));
        if (!code.TryGet("21", out var serial))
            return PackParseResult.Failure(new(Gs1ErrorCode.MissingSerial, "The code has no serial number (21): it identifies a product, not a pack.", "21"));
        return PackParseResult.Success(new PackIdentity(Gtin.Parse(gtin), serial, code.Lot, code.Expiry), code);
    }

    internal static Gs1ParseResult Complete(ScanFormat format, string? symbology, List<AiElement> elements, DateOnly today)
    {
        if (elements.Count == 0)
            return Fail(Gs1ErrorCode.NotGs1, "The code contains no GS1 data.");
        var error = AiValidator.ValidatePairs(elements);
        if (error is not null) return Gs1ParseResult.Failure(error);
        DateOnly? expiry = null;
        foreach (var e in elements)
        {
            if (e.Ai == "17" && Gs1Date.TryParseYymmdd(e.Value, today, allowDayZero: true, out var d, out _))
                expiry = d;
        }
        return Gs1ParseResult.Success(new ScannedCode(format, symbology, [.. elements], expiry));
    }

    internal static Gs1ParseResult Fail(Gs1ErrorCode code, string message, string? ai = null) =>
        Gs1ParseResult.Failure(new Gs1Error(code, message, ai));

    /// <summary>Validates and adds one element.</summary>
    internal static Gs1Error? AddValidated(List<AiElement> elements, AiDefinition def, string value, DateOnly today, bool mayLackSeparator = false) =>
        AiValidator.ValidateValue(def, value, today, mayLackSeparator) ?? AiValidator.Add(elements, def.Ai, value);

    private static Gs1Error? ParseElementString(ReadOnlySpan<char> s, int basePos, List<AiElement> elements, DateOnly today)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == GroupSeparator)
            {
                // Leading FNC1, or a separator after a fixed-length AI: both harmless.
                i++;
                continue;
            }
            if (!char.IsAsciiDigit(c))
            {
                return elements.Count == 0 && basePos == 0
                    ? new(Gs1ErrorCode.NotGs1, $"This is not a GS1 code: '{Shorten(s)}' does not start with a GS1 Application Identifier.")
                    : new(Gs1ErrorCode.Malformed, $"{AiValidator.Describe(c)} at position {basePos + i + 1} is where a GS1 Application Identifier should start.");
            }
            var aiLength = i + 1 < s.Length ? AiTable.AiLengthForPrefix(c, s[i + 1]) : 0;
            if (aiLength == 0)
            {
                var digits = s[i..];
                var n = 0;
                while (n < digits.Length && n < 4 && char.IsAsciiDigit(digits[n])) n++;
                return n < 2
                    ? new(Gs1ErrorCode.Malformed, $"The code ends in the middle of an Application Identifier at position {basePos + i + 1}.")
                    : new(Gs1ErrorCode.UnknownAi, $"AI {digits[..2]} (at position {basePos + i + 1}, '{digits[..n]}...') is not a GS1 Application Identifier.");
            }
            if (i + aiLength > s.Length)
                return new(Gs1ErrorCode.Malformed, $"The code ends in the middle of an Application Identifier at position {basePos + i + 1}.");
            var ai = s.Slice(i, aiLength);
            if (!AiTable.TryGet(ai, out var def))
                return new(Gs1ErrorCode.UnknownAi, $"AI {ai} (at position {basePos + i + 1}) is not a GS1 Application Identifier.");
            i += aiLength;
            var rest = s[i..];
            int length;
            if (def.IsPredefinedLength)
            {
                length = Math.Min(def.MaxLength, rest.Length);
                var gs = rest[..length].IndexOf(GroupSeparator);
                if (gs >= 0) length = gs;
            }
            else
            {
                var gs = rest.IndexOf(GroupSeparator);
                length = gs < 0 ? rest.Length : gs;
            }
            var error = AddValidated(elements, def, rest[..length].ToString(), today, mayLackSeparator: true);
            if (error is not null) return error;
            i += length;
        }
        return null;
    }

    private static Gs1Error? ParseTyped(string text, List<AiElement> elements, DateOnly today)
    {
        var tokens = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var pos = 0;
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            pos = text.IndexOf(token, pos, StringComparison.Ordinal);
            if (AiTable.TryGet(token, out var def))
            {
                if (t + 1 >= tokens.Length)
                    return new(Gs1ErrorCode.Malformed, $"{def.Label} has no value.", def.Ai);
                var error = AddValidated(elements, def, tokens[++t], today);
                if (error is not null) return error;
            }
            else
            {
                var error = ParseElementString(token, pos, elements, today);
                if (error is not null) return error;
            }
            pos += token.Length;
        }
        return null;
    }

    private static Gs1Error? ParseBracketed(ReadOnlySpan<char> s, List<AiElement> elements, DateOnly today)
    {
        var i = 0;
        while (true)
        {
            while (i < s.Length && (char.IsWhiteSpace(s[i]) || s[i] == GroupSeparator)) i++;
            if (i >= s.Length) return null;
            if (s[i] != '(')
                return new(Gs1ErrorCode.Malformed, $"{AiValidator.Describe(s[i])} at position {i + 1} should be '(' starting an Application Identifier.");
            var close = s[i..].IndexOf(')');
            if (close < 0)
                return new(Gs1ErrorCode.Malformed, $"The '(' at position {i + 1} is not closed.");
            var ai = s.Slice(i + 1, close - 1).Trim();
            if (!AiTable.TryGet(ai, out var def))
            {
                return ai.Length is >= 2 and <= 4 && Gs1Date.IsDigits(ai)
                    ? new(Gs1ErrorCode.UnknownAi, $"AI {ai} is not a GS1 Application Identifier.")
                    : new(Gs1ErrorCode.Malformed, $"'({ai})' at position {i + 1} is not an Application Identifier.");
            }
            i += close + 1;
            var start = i;
            var escaped = false;
            while (i < s.Length && !(s[i] == '(' && IsAiBracket(s[i..])))
            {
                // "\(" is a literal '(' in a value (GS1 bracketed syntax).
                if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] == '(')
                {
                    escaped = true;
                    i++;
                }
                i++;
            }
            var value = s[start..i].Trim().ToString();
            if (escaped) value = value.Replace("\\(", "(", StringComparison.Ordinal);
            var error = AddValidated(elements, def, value, today);
            if (error is not null) return error;
        }
    }

    private static bool IsAiBracket(ReadOnlySpan<char> s)
    {
        // "(" + 2-4 digits + ")" starts the next element; at the very end it is an unclosed one.
        var n = 1;
        while (n < s.Length && n <= 5 && char.IsAsciiDigit(s[n])) n++;
        return n is >= 3 and <= 5 && (n == s.Length || s[n] == ')');
    }

    private static string NormalizeSeparators(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny("<{^\u241D") < 0) return text.ToString();
        var s = text.ToString();
        foreach (var alias in s_separatorAliases)
            s = s.Replace(alias, "\x1d", StringComparison.Ordinal);
        return s;
    }

    private static bool StartsWithHttp(ReadOnlySpan<char> s) =>
        s.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    // GS1 element strings: DataMatrix with FNC1 first, GS1-128, GS1 DataBar, GS1 QR, GS1 DotCode.
    private static bool IsGs1Symbology(string id) => id is "]d2" or "]C1" or "]e0" or "]Q3" or "]J1";

    private static bool IsPlainSymbology(string id) => id is "]d1" or "]Q1" or "]C0";

    private static string SymbologyName(string id) => id[1] switch
    {
        'd' => "DataMatrix",
        'Q' => "QR Code",
        _ => "Code 128",
    };

    // Known identifiers as constants: no allocation per scan.
    private static string SymbologyString(ReadOnlySpan<char> id) => id switch
    {
        "]d2" => "]d2",
        "]d1" => "]d1",
        "]Q3" => "]Q3",
        "]Q1" => "]Q1",
        "]C1" => "]C1",
        "]e0" => "]e0",
        _ => id.ToString(),
    };

    private static string Shorten(ReadOnlySpan<char> s) => s.Length <= 30 ? s.ToString() : string.Concat(s[..27], "...");
}
