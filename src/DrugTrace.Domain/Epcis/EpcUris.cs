using System.Globalization;
using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Epcis;

/// <summary>
/// EPCs and GS1 keys as URIs: the canonical GS1 Digital Link form used by EPCIS 2.0 and the
/// CBV 2.0 event hash (https://id.gs1.org, no query, an instance key only with its serial),
/// read from either a Digital Link on any host or an EPC URN (urn:epc:id:sgtin, sscc, sgln,
/// pgln, gdti; urn:epc:class:lgtin; urn:epc:idpat:sgtin).
/// </summary>
public static class EpcUris
{
    public const string Resolver = "https://id.gs1.org";

    /// <summary>A serialised pack: https://id.gs1.org/01/{gtin}/21/{serial}.</summary>
    public static string Sgtin(string gtin, string serial) => $"{Resolver}/01/{gtin}/21/{Escape(serial)}";

    /// <summary>A lot of a product: https://id.gs1.org/01/{gtin}/10/{lot}.</summary>
    public static string Lgtin(string gtin, string lot) => $"{Resolver}/01/{gtin}/10/{Escape(lot)}";

    /// <summary>A party's place (readPoint, bizLocation, a location source or destination).</summary>
    public static string Location(string gln) => $"{Resolver}/414/{gln}";

    /// <summary>A party itself (owning or possessing party).</summary>
    public static string Party(string gln) => $"{Resolver}/417/{gln}";

    /// <summary>The canonical Digital Link of a GS1 key written as a URN or a Digital Link; null for anything else.</summary>
    public static string? Canonical(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (value.StartsWith("urn:epc:", StringComparison.Ordinal)) return FromUrn(value);
        if (value.StartsWith("http://", StringComparison.Ordinal) || value.StartsWith("https://", StringComparison.Ordinal))
            return FromDigitalLink(value);
        return null;
    }

    /// <summary>Reads a pack's GTIN and serial from an EPC in any accepted form.</summary>
    public static bool TryParseSgtin(string? epc, out string gtin, out string serial)
    {
        gtin = serial = "";
        if (Canonical(epc) is not { } dl) return false;
        var parts = Segments(dl);
        if (parts is not ["01", var g, "21", var s]) return false;
        gtin = g;
        serial = Uri.UnescapeDataString(s);
        return true;
    }

    /// <summary>Reads a product class (GTIN, with a lot when it names one) from an epcClass in any accepted form.</summary>
    public static bool TryParseClass(string? epcClass, out string gtin, out string? lot)
    {
        gtin = "";
        lot = null;
        if (Canonical(epcClass) is not { } dl) return false;
        switch (Segments(dl))
        {
            case ["01", var g]:
                gtin = g;
                return true;
            case ["01", var g, "10", var l]:
                gtin = g;
                lot = Uri.UnescapeDataString(l);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads a party's GLN from a location (414, sgln without extension) or party (417, pgln) identifier.</summary>
    public static bool TryParseGln(string? value, out string gln)
    {
        gln = "";
        if (Canonical(value) is not { } dl) return false;
        if (Segments(dl) is not [("414" or "417"), var g]) return false;
        gln = g;
        return true;
    }

    /// <summary>Whether a value is an SSCC (a case or pallet), in any accepted form.</summary>
    public static bool IsSscc(string? value) => Canonical(value) is { } dl && Segments(dl) is ["00", _];

    /// <summary>A case's or pallet's SSCC as a GS1 Digital Link.</summary>
    public static string Sscc(string sscc) => $"{Resolver}/00/{sscc}";

    /// <summary>Reads the 18 digits of an SSCC from a Digital Link (/00/) or an urn:epc:id:sscc URN (the check digit is not checked here).</summary>
    public static bool TryParseSscc(string? value, out string sscc)
    {
        sscc = "";
        if (Canonical(value) is not { } dl || Segments(dl) is not ["00", var digits]) return false;
        sscc = digits;
        return true;
    }

    private static string[] Segments(string canonical) =>
        canonical[Resolver.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string? FromUrn(string urn)
    {
        // urn:epc:{id|class|idpat}:{scheme}:{fields}. A serial, lot or extension (the last field) may itself hold ':' and
        // '.' (EPC Tag Data Standard, GS3A3 characters), so the scheme ends at the fourth ':' and a value at the third '.'.
        var colon = NthIndexOf(urn, ':', 4);
        if (colon < 0) return null;
        var scheme = urn[..colon];
        var fields = urn[(colon + 1)..].Split('.', 3);
        switch (scheme)
        {
            case "urn:epc:id:sgtin" when fields.Length == 3 && Gtin14(fields[0], fields[1]) is { } gtin:
                return $"{Resolver}/01/{gtin}/21/{Escape(Uri.UnescapeDataString(fields[2]))}";
            case "urn:epc:class:lgtin" when fields.Length == 3 && Gtin14(fields[0], fields[1]) is { } gtin:
                return $"{Resolver}/01/{gtin}/10/{Escape(Uri.UnescapeDataString(fields[2]))}";
            case "urn:epc:idpat:sgtin" when fields.Length == 3 && fields[2] == "*" && Gtin14(fields[0], fields[1]) is { } gtin:
                return $"{Resolver}/01/{gtin}";
            case "urn:epc:id:sscc" when fields.Length == 2 && Digits(fields[0], fields[1], 17, extensionFirst: true) is { } sscc:
                return $"{Resolver}/00/{sscc}";
            case "urn:epc:id:sgln" when fields.Length == 3 && Digits(fields[0], fields[1], 12, extensionFirst: false) is { } gln:
                return fields[2] is "0" or ""
                    ? $"{Resolver}/414/{gln}"
                    : $"{Resolver}/414/{gln}/254/{Escape(Uri.UnescapeDataString(fields[2]))}";
            case "urn:epc:id:pgln" when fields.Length == 2 && Digits(fields[0], fields[1], 12, extensionFirst: false) is { } pgln:
                return $"{Resolver}/417/{pgln}";
            case "urn:epc:id:gdti" when fields.Length == 3 && Digits(fields[0], fields[1], 12, extensionFirst: false) is { } gdti:
                return $"{Resolver}/253/{gdti}{Escape(Uri.UnescapeDataString(fields[2]))}";
            default:
                return null;
        }
    }

    private static int NthIndexOf(string text, char c, int n)
    {
        var at = -1;
        for (var i = 0; i < n; i++)
        {
            at = text.IndexOf(c, at + 1);
            if (at < 0) return -1;
        }
        return at;
    }

    // company prefix + indicator/item reference -> GTIN-14 with its check digit
    private static string? Gtin14(string companyPrefix, string indicatorAndItem) =>
        Digits(companyPrefix, indicatorAndItem, 13, extensionFirst: true);

    private static string? Digits(string companyPrefix, string reference, int length, bool extensionFirst)
    {
        if (companyPrefix.Length + reference.Length != length || !(companyPrefix + reference).All(char.IsAsciiDigit)) return null;
        var body = extensionFirst && reference.Length > 0
            ? reference[0] + companyPrefix + reference[1..]
            : companyPrefix + reference;
        return body + CheckDigit.Compute(body).ToString(CultureInfo.InvariantCulture);
    }

    private static string? FromDigitalLink(string uri)
    {
        string rawPath;
        if (PlainPath(uri) is { } plain) rawPath = plain;
        // Checked as a URI but read as written: System.Uri removes dot segments ("/21/." and "/21/%2E" lose their
        // serial), and a Digital Link's path is AI/value pairs, where "." and ".." are values, not directions.
        else if (Uri.TryCreate(uri, UriKind.Absolute, out _)) rawPath = RawPath(uri);
        else return null;
        var path = rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // A Digital Link may have a path prefix before its primary key.
        for (var i = 0; i + 1 < path.Length; i++)
        {
            var value = Uri.UnescapeDataString(path[i + 1]);
            switch (path[i])
            {
                case "01" when Gtin.TryParse(value, out var gtin, out _):
                    string? lot = null, serial = null;
                    for (var j = i + 2; j + 1 < path.Length;)
                    {
                        // A dot segment where an AI belongs names none: passed over, as System.Uri did ("/01/{gtin}/./21/{serial}").
                        if (path[j] is "." or "..")
                        {
                            j++;
                            continue;
                        }
                        if (path[j] == "10") lot = Uri.UnescapeDataString(path[j + 1]);
                        else if (path[j] == "21") serial = Uri.UnescapeDataString(path[j + 1]);
                        j += 2;
                    }
                    return serial is not null ? $"{Resolver}/01/{gtin.Value}/21/{Escape(serial)}"
                        : lot is not null ? $"{Resolver}/01/{gtin.Value}/10/{Escape(lot)}"
                        : $"{Resolver}/01/{gtin.Value}";
                case "00" when value.Length == 18 && value.All(char.IsAsciiDigit):
                    return $"{Resolver}/00/{value}";
                case "414" when Gln.TryParse(value, out var location, out _):
                    return i + 3 < path.Length && path[i + 2] == "254"
                        ? $"{Resolver}/414/{location.Value}/254/{Escape(Uri.UnescapeDataString(path[i + 3]))}"
                        : $"{Resolver}/414/{location.Value}";
                case "417" when Gln.TryParse(value, out var party, out _):
                    return $"{Resolver}/417/{party.Value}";
                case "253" or "8003" or "8004" or "8006" or "8010" or "8013" or "8017" or "8018" or "255" or "401" or "402":
                    return $"{Resolver}/{path[i]}/{Escape(value)}";
            }
        }
        return null;
    }

    private const string PlainPrefix = Resolver + "/";

    /// <summary>
    /// True when <see cref="Canonical"/> gives <paramref name="dl"/> back as it is, seen without parsing it: a
    /// Digital Link as DrugTrace writes them (letters, digits, '-' and '_' only) of a GTIN-14 and a serial, a
    /// 13-digit GLN (414, 417) or an 18-digit SSCC. A wrong check digit makes no difference: such a key is not
    /// read (Canonical is null) and the value stays as it is in the event hash too.
    /// </summary>
    internal static bool KeepsItsForm(string dl)
    {
        if (PlainPath(dl) is null) return false;
        var path = dl.AsSpan(Resolver.Length);
        if (path.StartsWith("/01/", StringComparison.Ordinal))
            return path.Length > 22 && Digits(path.Slice(4, 14)) && path.Slice(18, 4).SequenceEqual("/21/") && !path[22..].Contains('/');
        if (path.StartsWith("/414/", StringComparison.Ordinal) || path.StartsWith("/417/", StringComparison.Ordinal))
            return path.Length == 18 && Digits(path[5..]);
        return path.StartsWith("/00/", StringComparison.Ordinal) && path.Length == 22 && Digits(path[4..]);
    }

    private static bool Digits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return true;
    }

    /// <summary>
    /// The path of a Digital Link on id.gs1.org made of letters, digits, '/', '-' and '_' only (as
    /// DrugTrace writes them, and most senders): what <see cref="RawPath"/> gives for it, there being
    /// nothing to unescape, no dot segment, query or fragment, without checking it as a Uri (a capture
    /// reads several per event). Null for anything else, which is checked as a Uri first.
    /// </summary>
    private static string? PlainPath(string uri)
    {
        if (!uri.StartsWith(PlainPrefix, StringComparison.Ordinal)) return null;
        foreach (var c in uri.AsSpan(PlainPrefix.Length))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('/' or '-' or '_')) return null;
        }
        return uri[Resolver.Length..];
    }

    // The path of an absolute URI as written, without its query and fragment: after the authority, up to the first '?' or '#'.
    private static string RawPath(string uri)
    {
        var afterScheme = uri.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = uri.AsSpan(afterScheme).IndexOfAny('?', '#') is var e and >= 0 ? afterScheme + e : uri.Length;
        var start = uri.IndexOf('/', afterScheme, end - afterScheme);
        return start < 0 ? "" : uri[start..end];
    }

    private static string Escape(string value) => DigitalLinkValue.Escape(value);
}
