using DrugTrace.Domain.Gs1;

namespace DrugTrace.Domain.Cases;

/// <summary>
/// A Serial Shipping Container Code (AI 00): 18 digits, an extension digit, a GS1 company prefix,
/// a serial reference and a mod-10 check digit. It names one case or pallet for good.
/// </summary>
public readonly record struct Sscc
{
    public const int Length = 18;

    private Sscc(string value) => Value = value;

    public string Value { get; }

    /// <summary>Reads 18 digits with a valid check digit (spaces, and a leading "(00)" or "00" of 20 digits, are allowed).</summary>
    public static bool TryParse(string? text, out Sscc sscc, out string error)
    {
        sscc = default;
        var digits = (text ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        if (digits.StartsWith("(00)", StringComparison.Ordinal)) digits = digits[4..];
        else if (digits.Length == Length + 2 && digits.StartsWith("00", StringComparison.Ordinal)) digits = digits[2..];
        if (digits.Length == 0) { error = "The SSCC is empty."; return false; }
        if (digits.Length != Length || !digits.All(char.IsAsciiDigit))
        {
            error = $"An SSCC is 18 digits; '{Shorten(digits)}' is not.";
            return false;
        }
        if (!CheckDigit.IsValid(digits))
        {
            error = $"SSCC {digits} has a wrong check digit (expected {CheckDigit.Compute(digits.AsSpan(0, Length - 1))}).";
            return false;
        }
        sscc = new Sscc(digits);
        error = "";
        return true;
    }

    public static Sscc Parse(string text) => TryParse(text, out var sscc, out var error) ? sscc : throw new FormatException(error);

    /// <summary>
    /// The SSCC of extension digit <paramref name="extension"/>, company prefix <paramref name="companyPrefix"/>
    /// (7 to 10 digits) and the serial reference that fills the rest, with its check digit.
    /// </summary>
    public static Sscc Create(int extension, string companyPrefix, long serialReference)
    {
        if (extension is < 0 or > 9) throw new ArgumentOutOfRangeException(nameof(extension), "The extension digit is 0-9.");
        if (companyPrefix.Length is < 7 or > 10 || !companyPrefix.All(char.IsAsciiDigit))
            throw new ArgumentException("A GS1 company prefix is 7 to 10 digits.", nameof(companyPrefix));
        var referenceDigits = Length - 2 - companyPrefix.Length;
        var reference = serialReference.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (serialReference < 0 || reference.Length > referenceDigits)
            throw new ArgumentOutOfRangeException(nameof(serialReference), $"The serial reference has at most {referenceDigits} digits under this prefix.");
        var body = $"{extension}{companyPrefix}{reference.PadLeft(referenceDigits, '0')}";
        return new Sscc(body + CheckDigit.Compute(body));
    }

    /// <summary>How many serial references a company prefix leaves: 10^(16 - prefix length).</summary>
    public static long ReferenceCount(string companyPrefix) => (long)Math.Pow(10, Length - 2 - companyPrefix.Length);

    /// <summary>The human-readable form printed under a label: "(00) 340123450000000017".</summary>
    public string Display => $"(00) {Value}";

    /// <summary>The element string of a label's barcode: AI 00 and the 18 digits.</summary>
    public string ElementString => "00" + Value;

    public override string ToString() => Value ?? "";

    private static string Shorten(string s) => s.Length > 30 ? s[..30] + "..." : s;
}
