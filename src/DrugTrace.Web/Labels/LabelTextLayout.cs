namespace DrugTrace.Web.Labels;

/// <summary>
/// Fits a label's words beside its code without cutting any: the product name wraps over as many
/// lines as it needs and every line's size is chosen so that it fits the width. The server cannot
/// measure the printer's font, so widths are estimated generously per character from DejaVu Sans,
/// the widest of the fonts named (Arial is narrower); the E2E label test measures them in Chromium.
/// </summary>
public static class LabelTextLayout
{
    public const string FontFamily = "DejaVu Sans, Arial, Helvetica, sans-serif";

    /// <summary>DejaVu Sans Bold is about 9 % wider than its regular face.</summary>
    public const double BoldFactor = 1.1;

    /// <summary>Line height as a multiple of the font size.</summary>
    public const double Leading = 1.22;

    public const double MaxFontMm = 2.6;
    public const double MinFontMm = 0.8;

    /// <summary>A line of the label: its text, the bold lead-in (GTIN, SN, …) if any, and its font size.</summary>
    public sealed record Line(string Bold, string Text, double FontMm);

    /// <summary>The estimated width of a line at a font size.</summary>
    public static double Width(string bold, string text, double fontMm) =>
        fontMm * (Ems(bold) * BoldFactor + (bold.Length > 0 && text.Length > 0 ? Em(' ') : 0) + Ems(text));

    private static double Ems(string text)
    {
        var sum = 0.0;
        foreach (var c in text) sum += Em(c);
        return sum;
    }

    /// <summary>A character's advance in em, rounded up from DejaVu Sans (digits 0.64, capitals up to 0.77, M and W wider).</summary>
    private static double Em(char c) => c switch
    {
        ' ' => 0.32,
        'M' or 'W' or 'm' or 'w' or '%' or '@' => 1.0,
        'i' or 'j' or 'l' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' => 0.34,
        >= 'A' and <= 'Z' => 0.78,
        >= '0' and <= '9' => 0.64,
        >= 'a' and <= 'z' => 0.64,
        _ => 0.7,
    };

    /// <summary>
    /// The lines for a box of <paramref name="widthMm"/> x <paramref name="heightMm"/>: the product name
    /// in bold (wrapped, never shortened) above the human-readable fields, one per line.
    /// </summary>
    public static IReadOnlyList<Line> Lay(string? name, IReadOnlyList<(string Label, string Value)> fields, double widthMm, double heightMm)
    {
        // The fields share one size, the largest at which the longest fits and all of them leave room for a name line.
        var fieldFont = Math.Min(MaxFontMm, heightMm / ((fields.Count + (name is null ? 0 : 1)) * Leading));
        foreach (var (label, value) in fields)
            fieldFont = Math.Min(fieldFont, widthMm / Width(label, value, 1));
        var lines = new List<Line>();
        if (name is { Length: > 0 })
        {
            var room = heightMm - fields.Count * fieldFont * Leading;
            var (nameLines, nameFont) = FitName(name, widthMm, room);
            lines.AddRange(nameLines.Select(l => new Line(l, "", DownToHundredth(nameFont))));
        }
        lines.AddRange(fields.Select(f => new Line(f.Label, f.Value, DownToHundredth(fieldFont))));
        return lines;
    }

    /// <summary>Sizes are written with two decimals: rounded down, so the written size still fits.</summary>
    private static double DownToHundredth(double mm) => Math.Floor(mm * 100) / 100;

    /// <summary>The largest size (down to <see cref="MinFontMm"/>) at which the wrapped name fits its room.</summary>
    private static (IReadOnlyList<string> Lines, double FontMm) FitName(string name, double widthMm, double roomMm)
    {
        IReadOnlyList<string> lines = [name];
        for (var font = MaxFontMm + 0.2; font >= MinFontMm; font -= 0.05)
        {
            lines = WrapToWidth(name, widthMm, font);
            if (lines.Count * font * Leading <= roomMm) return (lines, font);
        }
        return (lines, MinFontMm);
    }

    /// <summary>Greedy word wrap of bold text at a width; a word longer than a line is split, nothing is dropped.</summary>
    public static IReadOnlyList<string> WrapToWidth(string text, double widthMm, double fontMm)
    {
        bool Fits(string line) => Width(line, "", fontMm) <= widthMm;
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && Fits(current + " " + word))
            {
                current += " " + word;
                continue;
            }
            if (current.Length > 0) lines.Add(current);
            current = word;
            while (!Fits(current) && current.Length > 1)
            {
                var cut = current.Length - 1;
                while (cut > 1 && !Fits(current[..cut])) cut--;
                lines.Add(current[..cut]);
                current = current[cut..];
            }
        }
        if (current.Length > 0) lines.Add(current);
        return lines;
    }
}
