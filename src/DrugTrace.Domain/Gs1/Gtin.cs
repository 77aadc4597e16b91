namespace DrugTrace.Domain.Gs1;

/// <summary>A GTIN-14 (AI 01) with a valid check digit. Shorter GTINs are left-padded with zeros.</summary>
public readonly record struct Gtin
{
    private Gtin(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out Gtin gtin, out string error)
    {
        gtin = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) { error = "The GTIN is empty."; return false; }
        if (text.Length is not (8 or 12 or 13 or 14) || !text.All(char.IsAsciiDigit))
        {
            error = $"A GTIN is 8, 12, 13 or 14 digits; '{text}' is not.";
            return false;
        }
        var padded = text.PadLeft(14, '0');
        if (!CheckDigit.IsValid(padded))
        {
            error = $"GTIN {text} has a wrong check digit (expected {CheckDigit.Compute(padded.AsSpan(0, 13))}).";
            return false;
        }
        gtin = new Gtin(padded);
        error = "";
        return true;
    }

    public static Gtin Parse(string text) =>
        TryParse(text, out var gtin, out var error) ? gtin : throw new FormatException(error);

    public override string ToString() => Value ?? "";
}
