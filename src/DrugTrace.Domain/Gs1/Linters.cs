namespace DrugTrace.Domain.Gs1;

/// <summary>
/// The GS1 syntax dictionary's linters (content checks on one component).
/// Enforced: csum, csumalpha, key, gcppos1, gcppos2 (the GS1 Company Prefix must start with
/// 4 digits; no GCP length lookup offline), yymmd0, yymmdd, yyyymmd0, yyyymmdd, yymmddhh,
/// hhmi/hhmm, hh, mi, ss, iso3166, iso3166999, iso3166alpha2, iso3166list, iso4217, iso5218,
/// pcenc, nonzero, zero, pieceoftotal, winding, yesno, hyphen, latitude, longitude, mediatype,
/// importeridx, posinseqslash, nozeroprefix, hasnondigit, iban (structure, country and
/// mod-97; not the per-country length).
/// Not enforced: packagetype (needs the UN/ECE Rec. 21 + GS1 package code list; AI 7041 is for
/// freight units, never on a medicine pack), couponcode and couponposoffer (North American
/// coupon formats, AIs 8110/8112, not used on medicines), and any linter name a newer
/// dictionary adds: those components still get length and character-set checks.
/// </summary>
internal static class Linters
{
    private const string Cset32 = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    internal const string Cset82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    private static readonly int[] s_primes =
    [
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103,
        107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193, 197, 199, 211, 223,
        227, 229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307, 311, 313, 317, 331, 337, 347,
        349, 353, 359, 367, 373, 379, 383, 389, 397, 401, 409, 419, 421, 431, 433, 439, 443, 449, 457, 461, 463,
        467, 479, 487, 491, 499, 503, 509,
    ];

    public static Gs1Linter Resolve(string name) => name switch
    {
        "csum" => Gs1Linter.Csum,
        "csumalpha" => Gs1Linter.CsumAlpha,
        "key" => Gs1Linter.Key,
        "gcppos1" => Gs1Linter.GcpPos1,
        "gcppos2" => Gs1Linter.GcpPos2,
        "yymmd0" => Gs1Linter.Yymmd0,
        "yymmdd" => Gs1Linter.Yymmdd,
        "yyyymmd0" => Gs1Linter.Yyyymmd0,
        "yyyymmdd" => Gs1Linter.Yyyymmdd,
        "yymmddhh" => Gs1Linter.Yymmddhh,
        "hhmi" or "hhmm" => Gs1Linter.Hhmi,
        "hh" => Gs1Linter.Hh,
        "mi" => Gs1Linter.Mi,
        "ss" => Gs1Linter.Ss,
        "iso3166" => Gs1Linter.Iso3166,
        "iso3166999" => Gs1Linter.Iso3166999,
        "iso3166alpha2" => Gs1Linter.Iso3166Alpha2,
        "iso3166list" => Gs1Linter.Iso3166List,
        "iso4217" => Gs1Linter.Iso4217,
        "iso5218" => Gs1Linter.Iso5218,
        "pcenc" => Gs1Linter.Pcenc,
        "nonzero" => Gs1Linter.NonZero,
        "zero" => Gs1Linter.Zero,
        "pieceoftotal" => Gs1Linter.PieceOfTotal,
        "winding" => Gs1Linter.Winding,
        "yesno" => Gs1Linter.YesNo,
        "hyphen" => Gs1Linter.Hyphen,
        "latitude" => Gs1Linter.Latitude,
        "longitude" => Gs1Linter.Longitude,
        "mediatype" => Gs1Linter.MediaType,
        "importeridx" => Gs1Linter.ImporterIdx,
        "posinseqslash" => Gs1Linter.PosInSeqSlash,
        "nozeroprefix" => Gs1Linter.NoZeroPrefix,
        "hasnondigit" => Gs1Linter.HasNonDigit,
        "iban" => Gs1Linter.Iban,
        _ => Gs1Linter.NotEnforced,
    };

    /// <summary>
    /// Checks one component. On failure returns what is wrong, phrased to follow
    /// "{label} {value}", e.g. " has a wrong check digit (expected 2)" or ": month 13 does not exist".
    /// </summary>
    public static string? Check(Gs1Linter linter, ReadOnlySpan<char> s, DateOnly today, out Gs1ErrorCode code)
    {
        code = Gs1ErrorCode.InvalidValue;
        string problem;
        switch (linter)
        {
            case Gs1Linter.Csum:
                if (CheckDigit.IsValid(s)) return null;
                code = Gs1ErrorCode.InvalidCheckDigit;
                return $" has a wrong check digit (expected {CheckDigit.Compute(s[..^1])})";
            case Gs1Linter.CsumAlpha:
                return CheckPair(s, out code);
            case Gs1Linter.Key:
            case Gs1Linter.GcpPos1:
                return GcpStartsAt(s, 0);
            case Gs1Linter.GcpPos2:
                return GcpStartsAt(s, 1);
            case Gs1Linter.Yymmd0:
            case Gs1Linter.Yymmdd:
                if (Gs1Date.TryParseYymmdd(s, today, linter == Gs1Linter.Yymmd0, out _, out problem)) return null;
                code = Gs1ErrorCode.InvalidDate;
                return ": " + problem;
            case Gs1Linter.Yyyymmd0:
            case Gs1Linter.Yyyymmdd:
                if (linter == Gs1Linter.Yyyymmd0 && s.Length == 8 && s[6] == '0' && s[7] == '0')
                {
                    // DD = 00 is the last day: check year and month with day 01.
                    Span<char> first = stackalloc char[8];
                    s.CopyTo(first);
                    first[7] = '1';
                    if (Gs1Date.TryParseYyyymmdd(first, out _, out problem)) return null;
                }
                else if (Gs1Date.TryParseYyyymmdd(s, out _, out problem)) return null;
                code = Gs1ErrorCode.InvalidDate;
                return ": " + problem;
            case Gs1Linter.Yymmddhh:
                if (s.Length != 8) return ": a date and hour is 8 digits, YYMMDDHH";
                if (!Gs1Date.TryParseYymmdd(s[..6], today, false, out _, out problem))
                {
                    code = Gs1ErrorCode.InvalidDate;
                    return ": " + problem;
                }
                return Range(s[6..], 0, 23, "hour");
            case Gs1Linter.Hhmi:
                if (s.Length != 4) return ": a time is 4 digits, HHMM";
                return Range(s[..2], 0, 23, "hour") ?? Range(s[2..], 0, 59, "minute");
            case Gs1Linter.Hh:
                return Range(s, 0, 23, "hour");
            case Gs1Linter.Mi:
                return Range(s, 0, 59, "minute");
            case Gs1Linter.Ss:
                return Range(s, 0, 59, "second");
            case Gs1Linter.Iso3166:
                return IsoCodes.IsCountryNumeric(s) ? null : $": {s} is not an ISO 3166 country code";
            case Gs1Linter.Iso3166999:
                return s is "999" || IsoCodes.IsCountryNumeric(s) ? null : $": {s} is not an ISO 3166 country code or 999";
            case Gs1Linter.Iso3166List:
                if (s.Length == 0 || s.Length % 3 != 0) return ": a list of country codes is a multiple of 3 digits";
                for (var i = 0; i < s.Length; i += 3)
                    if (!IsoCodes.IsCountryNumeric(s.Slice(i, 3))) return $": {s.Slice(i, 3)} is not an ISO 3166 country code";
                return null;
            case Gs1Linter.Iso3166Alpha2:
                return IsoCodes.IsCountryAlpha2(s) ? null : $": {s} is not an ISO 3166 two-letter country code";
            case Gs1Linter.Iso4217:
                return IsoCodes.IsCurrencyNumeric(s) ? null : $": {s} is not an ISO 4217 currency code";
            case Gs1Linter.Iso5218:
                return s is "0" or "1" or "2" or "9" ? null : $": {s} is not an ISO 5218 sex code (0, 1, 2 or 9)";
            case Gs1Linter.Pcenc:
                for (var i = 0; i < s.Length; i++)
                {
                    if (s[i] != '%') continue;
                    if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
                        return $": '%' at position {i + 1} is not followed by two hexadecimal digits";
                    i += 2;
                }
                return null;
            case Gs1Linter.NonZero:
                foreach (var c in s)
                    if (c != '0') return null;
                return ": it must not be zero";
            case Gs1Linter.Zero:
                foreach (var c in s)
                    if (c != '0') return ": it must be zero";
                return null;
            case Gs1Linter.PieceOfTotal:
                return PieceOfTotal(s);
            case Gs1Linter.Winding:
                return s is "0" or "1" or "9" ? null : $": winding direction {s} must be 0, 1 or 9";
            case Gs1Linter.YesNo:
                return s is "0" or "1" ? null : $": {s} must be 0 (no) or 1 (yes)";
            case Gs1Linter.Hyphen:
                foreach (var c in s)
                    if (c != '-') return ": only '-' is allowed here";
                return null;
            case Gs1Linter.Latitude:
                return Gs1Date.IsDigits(s) && s.Length == 10 && ulong.Parse(s) <= 1_800_000_000 ? null : $": {s} is not a latitude (0000000000-1800000000)";
            case Gs1Linter.Longitude:
                return Gs1Date.IsDigits(s) && s.Length == 10 && ulong.Parse(s) <= 3_600_000_000 ? null : $": {s} is not a longitude (0000000000-3600000000)";
            case Gs1Linter.MediaType:
                if (s.Length == 2 && Gs1Date.IsDigits(s) && Gs1Date.Two(s, 0) is (>= 1 and <= 10) or >= 80) return null;
                return $": {s} is not an AIDC media type (01-10 or 80-99)";
            case Gs1Linter.ImporterIdx:
                return s.Length == 1 && (char.IsAsciiLetterOrDigit(s[0]) || s[0] is '-' or '_') ? null : $": '{s}' is not an importer index (0-9, A-Z, a-z, - or _)";
            case Gs1Linter.PosInSeqSlash:
                return PositionInSequence(s);
            case Gs1Linter.NoZeroPrefix:
                return s.Length > 1 && s[0] == '0' ? ": it must not start with 0" : null;
            case Gs1Linter.HasNonDigit:
                return Gs1Date.IsDigits(s) ? ": it must contain at least one character that is not a digit" : null;
            case Gs1Linter.Iban:
                return Iban(s);
            default:
                return null;
        }
    }

    // GS1 check character pair (GenSpecs 7.9.5): CSET 82 values weighted by primes from the
    // right, modulo 1021, split into two CSET 32 characters.
    private static string? CheckPair(ReadOnlySpan<char> s, out Gs1ErrorCode code)
    {
        code = Gs1ErrorCode.InvalidCheckDigit;
        if (s.Length < 2) return " is too short to carry its two check characters";
        if (s.Length > s_primes.Length + 2) return null; // Longer than any AI allows; length check reports it.
        var sum = 0;
        for (var i = 0; i < s.Length - 2; i++)
        {
            var v = Cset82.IndexOf(s[i]);
            if (v < 0) return null; // The character-set check reports it.
            sum += v * s_primes[s.Length - 3 - i];
        }
        sum %= 1021;
        char c1 = Cset32[sum >> 5], c2 = Cset32[sum & 31];
        return s[^2] == c1 && s[^1] == c2 ? null : $" has wrong check characters (expected {c1}{c2})";
    }

    private static string? GcpStartsAt(ReadOnlySpan<char> s, int at)
    {
        const int MinGcpLength = 4;
        if (s.Length < at + MinGcpLength) return ": it is too short to start with a GS1 Company Prefix";
        for (var i = at; i < at + MinGcpLength; i++)
            if (!char.IsAsciiDigit(s[i])) return $": it must start with a numeric GS1 Company Prefix ('{s[i]}' at position {i + 1})";
        return null;
    }

    private static string? Range(ReadOnlySpan<char> s, int min, int max, string what)
    {
        if (s.Length != 2 || !Gs1Date.IsDigits(s)) return $": {what} '{s}' is not two digits";
        var v = Gs1Date.Two(s, 0);
        return v < min || v > max ? $": {what} {s} does not exist" : null;
    }

    private static string? PieceOfTotal(ReadOnlySpan<char> s)
    {
        if (s.Length % 2 != 0 || s.Length == 0 || !Gs1Date.IsDigits(s)) return ": piece and total must be two equal-length numbers";
        var half = s.Length / 2;
        var piece = int.Parse(s[..half]);
        var total = int.Parse(s[half..]);
        if (piece == 0) return ": piece number 0 does not exist";
        if (total == 0) return ": total 0 is not allowed";
        return piece > total ? $": piece {piece} of {total} is more than the total" : null;
    }

    private static string? PositionInSequence(ReadOnlySpan<char> s)
    {
        var slash = s.IndexOf('/');
        if (slash <= 0 || slash == s.Length - 1) return ": it must be position/total, e.g. 1/2";
        var pos = s[..slash];
        var total = s[(slash + 1)..];
        if (!Gs1Date.IsDigits(pos) || !Gs1Date.IsDigits(total) || pos[0] == '0' || total[0] == '0')
            return ": it must be position/total with positive numbers, e.g. 1/2";
        return int.Parse(pos) > int.Parse(total) ? ": the position is after the total" : null;
    }

    private static string? Iban(ReadOnlySpan<char> s)
    {
        if (s.Length < 5) return ": an IBAN has at least 5 characters";
        if (!IsoCodes.IsCountryAlpha2(s[..2])) return $": an IBAN starts with a country code; '{s[..2]}' is not one";
        if (!char.IsAsciiDigit(s[2]) || !char.IsAsciiDigit(s[3])) return ": an IBAN has two check digits after the country code";
        var remainder = 0;
        // Mod 97 over the rearranged IBAN (BBAN + country + check digits), letters as 10-35.
        for (var k = 0; k < s.Length; k++)
        {
            var c = s[(k + 4) % s.Length];
            if (char.IsAsciiDigit(c)) remainder = (remainder * 10 + (c - '0')) % 97;
            else if (char.IsAsciiLetterUpper(c)) remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            else return $": '{c}' is not allowed in an IBAN";
        }
        return remainder == 1 ? null : ": the IBAN check digits are wrong";
    }
}
