using DrugTrace.Domain.Gs1;

namespace DrugTrace.Application.Common.Validation;

/// <summary>Field checks shared by validators, with messages that name the field.</summary>
public static class Gs1Fields
{
    private static readonly System.Buffers.SearchValues<char> Set82 =
        System.Buffers.SearchValues.Create([.. Enumerable.Range(0, 128).Select(i => (char)i).Where(Cset82.Contains)]);

    /// <summary>A GS1 company prefix: 4 to 12 digits (the GS1 prefix and the company number).</summary>
    public static string? CompanyPrefixError(string? prefix) =>
        prefix is { Length: >= 4 and <= 12 } && prefix.All(char.IsAsciiDigit) ? null : $"'{prefix}' is not a GS1 company prefix (4 to 12 digits).";

    /// <summary>Whether a 14-digit GTIN lies under one of the prefixes (after its indicator digit, as GTIN-13 and -12 are padded).</summary>
    public static bool IsUnder(string gtin14, IEnumerable<string> prefixes) =>
        prefixes.Any(p => gtin14.AsSpan(1).StartsWith(p, StringComparison.Ordinal));

    /// <summary>Expiry and other dates printed as YYMMDD: the GS1 century rule reads them within −49..+50 years of today.</summary>
    public static string? Yymmdd(string field, DateOnly date, DateOnly today) =>
        Gs1Date.IsExpressibleAsYymmdd(date, today) ? null
            : $"The {field} {date:yyyy-MM-dd} cannot be printed as YYMMDD: the GS1 century rule would read it as "
              + $"{Gs1Date.ResolveYear(date.Year % 100, today)}. Use a year from {today.Year - 49} to {today.Year + 50}.";

    public static string? GtinError(string? gtin) => Gtin.TryParse(gtin, out _, out var error) ? null : error;

    public static string? GlnError(string? gln) => Gln.TryParse(gln, out _, out var error) ? null : error;

    /// <summary>Lot numbers and serials: 1 to 20 characters of set 82.</summary>
    public static string? Set82Error(string what, string? value)
    {
        if (string.IsNullOrEmpty(value)) return $"The {what} is empty.";
        if (value.Length > 20) return $"The {what} is {value.Length} characters; at most 20 are allowed.";
        // An index, not FirstOrDefault: the default char is NUL, which must be refused like any other.
        var at = value.AsSpan().IndexOfAnyExcept(Set82);
        if (at < 0) return null;
        var bad = value[at];
        var shown = char.IsControl(bad) || char.IsWhiteSpace(bad) ? $"U+{(int)bad:X4}" : $"'{bad}'";
        return $"{shown} at position {at + 1} is not allowed in a {what} (GS1 character set 82).";
    }
}
