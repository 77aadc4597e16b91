using System.Text;

namespace DrugTrace.Domain.Gs1;

/// <summary>
/// GS1 Digital Link URIs: https://{any host}{any path prefix}/{key AI}/{key}/{qualifier AI}/{value}...?{AI}={value}&amp;...
/// The key and its qualifiers are found by reading AI/value pairs from the end of the path;
/// whatever precedes them is the host's own path prefix.
/// </summary>
internal static class DigitalLinkParser
{
    public static Gs1ParseResult Parse(ReadOnlySpan<char> uri, string? symbology, DateOnly today)
    {
        var afterScheme = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var hostEnd = afterScheme.IndexOfAny('/', '?', '#');
        if (hostEnd == 0 || afterScheme.IsEmpty)
            return NotDigitalLink("it has no host name");
        if (hostEnd < 0)
            return NotDigitalLink("it has no path");
        var rest = afterScheme[hostEnd..];
        var hash = rest.IndexOf('#');
        if (hash >= 0) rest = rest[..hash];
        var q = rest.IndexOf('?');
        var path = q < 0 ? rest : rest[..q];
        var query = q < 0 ? [] : rest[(q + 1)..];

        Span<Range> segments = stackalloc Range[32];
        var count = 0;
        foreach (var seg in path.Split('/'))
        {
            if (path[seg].IsEmpty) continue;
            if (count == segments.Length) return NotDigitalLink("its path is too long");
            segments[count++] = seg;
        }

        // AI/value pairs from the right; the leftmost primary key among them starts the GS1 part.
        var firstPair = count;
        while (firstPair >= 2 && AiTable.TryGet(path[segments[firstPair - 2]], out _)) firstPair -= 2;
        var keyAt = -1;
        AiDefinition? key = null;
        for (var p = firstPair; p < count; p += 2)
        {
            if (AiTable.TryGet(path[segments[p]], out var d) && d.IsDigitalLinkPrimaryKey)
            {
                keyAt = p;
                key = d;
                break;
            }
        }
        if (key is null)
            return NotDigitalLink("its path has no GS1 key such as /01/ followed by a GTIN");

        var elements = new List<AiElement>(6);
        if (!TryDecode(path[segments[keyAt + 1]], out var keyValue, out var error))
            return Gs1ParseResult.Failure(error);
        // GTIN-8, -12 and -13 are written as they are in Digital Link; the element string is GTIN-14.
        if (key.Ai == "01" && keyValue.Length is 8 or 12 or 13 && Gs1Date.IsDigits(keyValue))
            keyValue = keyValue.PadLeft(14, '0');
        error = Gs1Parser.AddValidated(elements, key, keyValue, today);
        if (error is not null) return Gs1ParseResult.Failure(error);

        Span<int> qualifierAts = stackalloc int[16];
        var qualifierCount = 0;
        for (var p = keyAt + 2; p < count; p += 2)
        {
            if (qualifierCount == qualifierAts.Length) return NotDigitalLink("its path has too many qualifiers");
            qualifierAts[qualifierCount++] = p;
        }
        error = CheckQualifierOrder(key, path, segments, qualifierAts[..qualifierCount]);
        if (error is not null) return Gs1ParseResult.Failure(error);
        foreach (var p in qualifierAts[..qualifierCount])
        {
            var def = AiTable.Get(path[segments[p]].ToString());
            if (!TryDecode(path[segments[p + 1]], out var value, out error)) return Gs1ParseResult.Failure(error);
            error = Gs1Parser.AddValidated(elements, def, value, today);
            if (error is not null) return Gs1ParseResult.Failure(error);
        }

        foreach (var range in query.Split('&'))
        {
            var param = query[range];
            var eq = param.IndexOf('=');
            var name = eq < 0 ? param : param[..eq];
            // Non-numeric parameters (linkType, utm_source, ...) are not GS1 data.
            if (name.IsEmpty || !Gs1Date.IsDigits(name)) continue;
            if (!AiTable.TryGet(name, out var def))
                return Gs1Parser.Fail(Gs1ErrorCode.UnknownAi, $"AI {name} in the web address (?{name}=...) is not a GS1 Application Identifier.");
            if (!def.IsDigitalLinkAttribute)
                return Gs1Parser.Fail(Gs1ErrorCode.DigitalLinkNotAllowed,
                    $"{def.Label} is not allowed as a Digital Link data attribute (?{def.Ai}=...)" +
                    (IsQualifierOf(key, def.Ai) ? $"; it belongs in the path: /{key.Ai}/.../{def.Ai}/..." : "."), def.Ai);
            if (!TryDecode(eq < 0 ? [] : param[(eq + 1)..], out var value, out error)) return Gs1ParseResult.Failure(error);
            error = Gs1Parser.AddValidated(elements, def, value, today);
            if (error is not null) return Gs1ParseResult.Failure(error);
        }
        return Gs1Parser.Complete(ScanFormat.DigitalLink, symbology, elements, today);
    }

    private static Gs1Error? CheckQualifierOrder(AiDefinition key, ReadOnlySpan<char> path, Span<Range> segments, ReadOnlySpan<int> qualifierAts)
    {
        if (qualifierAts.IsEmpty) return null;
        foreach (var alternative in key.DigitalLinkQualifiers)
        {
            var last = -1;
            var ok = true;
            foreach (var p in qualifierAts)
            {
                var idx = IndexOf(alternative, path[segments[p]]);
                if (idx <= last)
                {
                    ok = false;
                    break;
                }
                last = idx;
            }
            if (ok) return null;
        }
        var allowed = string.Join(" or ", key.DigitalLinkQualifiers.Select(a => string.Join(", ", a)));
        var given = new StringBuilder();
        foreach (var p in qualifierAts)
        {
            var ai = path[segments[p]];
            if (!IsQualifierOf(key, ai))
            {
                var def = AiTable.Get(ai.ToString());
                var where = def.IsDigitalLinkAttribute ? $"; put it in the query: ?{def.Ai}={path[segments[p + 1]]}" : "";
                return allowed.Length == 0
                    ? new(Gs1ErrorCode.DigitalLinkNotAllowed, $"{key.Label} takes no qualifiers in a Digital Link path, so {def.Label} cannot follow it{where}.", def.Ai)
                    : new(Gs1ErrorCode.DigitalLinkNotAllowed, $"{def.Label} cannot be a qualifier of {key.Label} in a Digital Link path (allowed: {allowed}){where}.", def.Ai);
            }
            if (given.Length > 0) given.Append(", ");
            given.Append(ai);
        }
        return new(Gs1ErrorCode.DigitalLinkQualifierOrder,
            $"In a Digital Link the qualifiers after {key.Label} must come in the order {allowed}; here they are {given}.", key.Ai);
    }

    private static bool IsQualifierOf(AiDefinition key, ReadOnlySpan<char> ai)
    {
        foreach (var alternative in key.DigitalLinkQualifiers)
            if (IndexOf(alternative, ai) >= 0) return true;
        return false;
    }

    private static int IndexOf(IReadOnlyList<string> list, ReadOnlySpan<char> ai)
    {
        for (var i = 0; i < list.Count; i++)
            if (ai.SequenceEqual(list[i])) return i;
        return -1;
    }

    // Percent-decoding byte by byte: anything non-ASCII fails the character-set check later.
    private static bool TryDecode(ReadOnlySpan<char> s, out string value, out Gs1Error error)
    {
        error = null!;
        if (s.IndexOf('%') < 0)
        {
            value = s.ToString();
            return true;
        }
        Span<char> buffer = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '%')
            {
                buffer[n++] = s[i];
                continue;
            }
            if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
            {
                value = "";
                var bad = s[i..Math.Min(i + 3, s.Length)];
                error = new(Gs1ErrorCode.InvalidPercentEncoding, $"'{bad}' in the web address is not valid percent-encoding ('%' must be followed by two hexadecimal digits).");
                return false;
            }
            buffer[n++] = (char)(Hex(s[i + 1]) * 16 + Hex(s[i + 2]));
            i += 2;
        }
        value = buffer[..n].ToString();
        return true;
    }

    private static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static Gs1ParseResult NotDigitalLink(string why) =>
        Gs1Parser.Fail(Gs1ErrorCode.NotDigitalLink, $"This web address is not a GS1 Digital Link: {why}.");
}
