using System.Globalization;
using System.Net;
using System.Text;
using DrugTrace.Application.Cases;

namespace DrugTrace.Web.Labels;

/// <summary>
/// A case's or pallet's label: a GS1 DataMatrix of AI 00 and the SSCC (FNC1 first, so a scanner reports
/// <c>]d2</c> and the scan workspace reads it as the case), the SSCC in words under "(00)", and what is inside.
/// </summary>
public static class CaseLabel
{
    /// <summary><c>&lt;FNC1&gt;00{sscc}</c>: one fixed-length element.</summary>
    public static string ElementString(string sscc) => $"{LabelContent.Fnc1}00{sscc}";

    public static string Svg(CaseView c, double widthMm = 100, double heightMm = 50)
    {
        var matrix = LabelRenderer.Matrix(LabelCode.DataMatrix, ElementString(c.Sscc));
        var pad = 3.0;
        var symbol = heightMm - 2 * pad;
        var textX = pad + symbol + 4;
        var font = LabelTextLayout.FontFamily;
        var sb = new StringBuilder(4096);
        sb.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{widthMm}mm\" height=\"{heightMm}mm\" viewBox=\"0 0 {widthMm} {heightMm}\""));
        sb.Append(" class=\"case-label\" role=\"img\" aria-label=\"Case label SSCC ").Append(Esc(c.Sscc)).Append("\">");
        sb.Append(Inv($"<rect width=\"{widthMm}\" height=\"{heightMm}\" fill=\"#fff\"/>"));
        LabelRenderer.AppendSymbol(sb, matrix, LabelRenderer.QuietZone(LabelCode.DataMatrix), pad, pad, symbol);
        var inside = c.Cases.Count > 0
            ? $"{c.PackCount} packs in {c.Cases.Count} {(c.Cases.Count == 1 ? "case" : "cases")}"
            : $"{c.PackCount} {(c.PackCount == 1 ? "pack" : "packs")}";
        var lines = new (string Text, double Size, bool Bold)[]
        {
            (c.Cases.Count > 0 ? "PALLET" : "CASE", 4, true),
            ("SSCC", 3, true),
            ("(00) " + c.Sscc[..9], 3.6, false),
            ("       " + c.Sscc[9..], 3.6, false),
            (inside, 3, false),
            ("Packed " + c.PackedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 2.6, false),
        };
        var y = pad;
        sb.Append(Inv($"<g font-family=\"{font}\" fill=\"#000\">"));
        foreach (var (text, size, bold) in lines)
        {
            y += size * LabelTextLayout.Leading;
            sb.Append(Inv($"<text x=\"{textX:0.##}\" y=\"{y:0.##}\" font-size=\"{size:0.##}\"{(bold ? " font-weight=\"bold\"" : "")} xml:space=\"preserve\">"))
              .Append(Esc(text)).Append("</text>");
        }
        sb.Append("</g></svg>");
        return sb.ToString();
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
