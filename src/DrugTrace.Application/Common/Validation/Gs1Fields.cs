using DrugTrace.Domain.Gs1;

namespace DrugTrace.Application.Common.Validation;

/// <summary>Field checks shared by validators, with messages that name the field.</summary>
public static class Gs1Fields
{
    public static string? GtinError(string? gtin) => Gtin.TryParse(gtin, out _, out var error) ? null : error;

    public static string? GlnError(string? gln) => Gln.TryParse(gln, out _, out var error) ? null : error;

    /// <summary>Lot numbers and serials: 1 to 20 characters of set 82.</summary>
    public static string? Set82Error(string what, string? value)
    {
        if (string.IsNullOrEmpty(value)) return $"The {what} is empty.";
        if (value.Length > 20) return $"The {what} is {value.Length} characters; at most 20 are allowed.";
        var bad = value.FirstOrDefault(c => !Cset82.Contains(c));
        return bad == default ? null : $"'{bad}' is not allowed in a {what} (GS1 character set 82).";
    }
}
