namespace DrugTrace.Domain.Gs1;

/// <summary>A 13-digit Global Location Number (AI 414) with a valid check digit: identifies a party.</summary>
public readonly record struct Gln
{
    private Gln(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out Gln gln, out string error)
    {
        gln = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) { error = "The GLN is empty."; return false; }
        if (text.Length != 13 || !text.All(char.IsAsciiDigit))
        {
            error = $"A GLN is 13 digits; '{text}' is not.";
            return false;
        }
        if (!CheckDigit.IsValid(text))
        {
            error = $"GLN {text} has a wrong check digit (expected {CheckDigit.Compute(text.AsSpan(0, 12))}).";
            return false;
        }
        gln = new Gln(text);
        error = "";
        return true;
    }

    public static Gln Parse(string text) =>
        TryParse(text, out var gln, out var error) ? gln : throw new FormatException(error);

    public override string ToString() => Value ?? "";
}
