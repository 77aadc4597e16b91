using System.Text;
using DrugTrace.Domain.Gs1;

namespace DrugTrace.Web.Scanning;

/// <summary>
/// What a scanner delivered, made visible for a pharmacist setting it up: control characters
/// shown by name, how the GS1 separators and the symbology identifier arrived, and what to change.
/// </summary>
public sealed record ScannerCheck(string Shown, string Symbology, string Separators, string? Prefix, string ReadAs, IReadOnlyList<string> Advice)
{
    private static readonly string[] SeparatorAliases = ["<GS>", "{GS}", "^]", "\u241D"];

    /// <summary>The text with every control character as ⟨NAME⟩.</summary>
    public static string Visible(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\u001d' => "⟨GS⟩",
                '\u001e' => "⟨RS⟩",
                '\u0004' => "⟨EOT⟩",
                '\r' => "⟨CR⟩",
                '\n' => "⟨LF⟩",
                '\t' => "⟨TAB⟩",
                '\u001b' => "⟨ESC⟩",
                < ' ' or '\u007f' => $"⟨0x{(int)c:X2}⟩",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    public static ScannerCheck Of(string raw, DateOnly today)
    {
        var advice = new List<string>();
        var text = raw;
        string symbology;
        if (text.Length >= 3 && text[0] == ']' && char.IsAsciiLetter(text[1]) && char.IsAsciiDigit(text[2]))
        {
            symbology = text[..3] switch
            {
                "]d2" => "]d2: GS1 DataMatrix (good)",
                "]d1" => "]d1: DataMatrix without GS1 (not a pack code, or a Digital Link)",
                "]Q3" => "]Q3: GS1 QR code",
                "]Q1" => "]Q1: QR code without GS1",
                var other => other + ": another barcode type",
            };
            text = text[3..];
        }
        else
        {
            symbology = "none sent";
            advice.Add("Turn on the scanner's \"transmit AIM symbology identifier\" option, so that a GS1 DataMatrix arrives as ]d2 and a plain DataMatrix cannot pass for a pack code.");
        }

        string? prefix = null;
        if (text.Length > 0 && text[0] == '\u001d')
        {
            prefix = "FNC1 as ⟨GS⟩ at the start (fine)";
            text = text[1..];
        }

        string separators;
        var controls = text.Count(c => c == '\u001d');
        var alias = SeparatorAliases.FirstOrDefault(a => text.Contains(a, StringComparison.Ordinal));
        var others = text.Where(c => c < ' ' && c != '\u001d').Distinct().ToList();
        if (text.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            separators = "none needed (a Digital Link web address)";
        else if (text.StartsWith('('))
            separators = "none needed (the bracketed (01)…(21)… form)";
        else if (controls > 0)
            separators = $"the control character ⟨GS⟩ (ASCII 29), {controls} time(s) (good)";
        else if (alias is not null)
        {
            separators = $"the text \"{alias}\" (accepted)";
            advice.Add($"The scanner types {alias} for the group separator; DrugTrace understands it, but sending ASCII 29 (often \"Ctrl+]\" or \"GS as control character\" in the scanner's keyboard settings) is safer.");
        }
        else
        {
            separators = "none seen";
            advice.Add("No group separator arrived. If the lot (10) is not the last element, the scanner is dropping ⟨GS⟩: set it to send ASCII 29 (\"Ctrl+]\" / \"function code transmit\") in its keyboard-emulation settings.");
        }
        if (others.Count > 0)
            advice.Add($"The scanner also sent {string.Join(", ", others.Select(c => Visible(c.ToString())))}: remove extra prefix/suffix characters in its settings (only Enter after the code is needed).");

        var parsed = Gs1Parser.Parse(raw, today);
        var readAs = parsed.IsSuccess ? parsed.Value!.ToHumanReadable() : "not readable: " + parsed.Error!.Message;
        if (advice.Count == 0) advice.Add("The scanner is set up well.");
        return new ScannerCheck(Visible(raw), symbology, separators, prefix, readAs, advice);
    }
}
