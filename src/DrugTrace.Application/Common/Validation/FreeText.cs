using System.Globalization;

namespace DrugTrace.Application.Common.Validation;

/// <summary>
/// The one rule for every free-text field (names, reasons, notes): printable text on one line.
/// NUL and other control characters, line breaks and bidirectional overrides are refused,
/// because they end up in labels, logs, CSV exports and other people's screens, where they hide
/// or reorder what is shown (U+202E turns "txt.exe" around).
/// </summary>
public static class FreeText
{
    /// <summary>The problem with <paramref name="value"/> as the field <paramref name="field"/>, or null when it is fine.</summary>
    public static string? Error(string field, string? value, int maxLength, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
            return required ? $"The {field} is empty." : null;
        if (value.Length > maxLength) return $"The {field} is longer than {maxLength} characters.";
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (Refused(c) is { } what)
                return $"The {field} contains {what} (U+{(int)c:X4}) at position {i + 1}; use plain text on one line.";
        }
        return null;
    }

    private static string? Refused(char c) => c switch
    {
        '\0' => "a NUL character",
        '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' => "a line break",
        _ when char.IsControl(c) => "a control character",
        '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') => "a bidirectional text control",
        _ when char.IsSurrogate(c) => "a broken character",
        // Joiners (emoji, Persian) and the soft hyphen are ordinary text.
        '\u200C' or '\u200D' or '\u00AD' => null,
        _ when CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format => "an invisible formatting character",
        _ => null,
    };
}
