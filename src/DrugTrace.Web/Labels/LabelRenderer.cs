using System.Globalization;
using System.Net;
using System.Text;
using DrugTrace.Application.Packs;
using ZXing;
using ZXing.Common;
using ZXing.Datamatrix;
using ZXing.Datamatrix.Encoder;
using ZXing.QrCode;
using ZXing.QrCode.Internal;

namespace DrugTrace.Web.Labels;

/// <summary>
/// Draws pack labels as SVG with ZXing.Net's encoders: the code's modules as one path in module
/// units (viewBox, no size: the label or the page sizes it), plus the human-readable text.
/// Stateless and thread-safe.
/// </summary>
public static class LabelRenderer
{
    /// <summary>Light modules around the symbol: DataMatrix needs 1, QR 4 (ISO/IEC 16022, 18004).</summary>
    public static int QuietZone(LabelCode code) => code == LabelCode.DigitalLinkQr ? 4 : 1;

    /// <summary>The code's modules (true = dark), without quiet zone.</summary>
    public static BitMatrix Matrix(LabelCode code, string content)
    {
        if (code == LabelCode.DigitalLinkQr)
        {
            var hints = new Dictionary<EncodeHintType, object>
            {
                [EncodeHintType.ERROR_CORRECTION] = ErrorCorrectionLevel.M,
                [EncodeHintType.MARGIN] = 0,
                [EncodeHintType.CHARACTER_SET] = "UTF-8",
            };
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, hints);
        }
        var dm = new Dictionary<EncodeHintType, object>
        {
            [EncodeHintType.DATA_MATRIX_SHAPE] = SymbolShapeHint.FORCE_SQUARE,
            [EncodeHintType.MARGIN] = 0,
        };
        return new DataMatrixWriter().encode(content, BarcodeFormat.DATA_MATRIX, 0, 0, dm);
    }

    /// <summary>
    /// A pack's label: the code on the left, the human-readable lines on the right, in a
    /// <paramref name="widthMm"/> x <paramref name="heightMm"/> box.
    /// </summary>
    public static string PackLabelSvg(PackView pack, LabelCode code, string digitalLinkBase, double widthMm = 60, double heightMm = 26)
    {
        var sb = new StringBuilder(6144);
        AppendPackLabel(sb, pack, code, digitalLinkBase, widthMm, heightMm, standalone: true);
        return sb.ToString();
    }

    internal static void AppendPackLabel(StringBuilder sb, PackView pack, LabelCode code, string digitalLinkBase, double widthMm, double heightMm, bool standalone)
    {
        var content = LabelContent.Encoded(code, pack, digitalLinkBase);
        var matrix = Matrix(code, content);
        var pad = 1.5;
        var symbol = heightMm - 2 * pad;
        var textX = pad + symbol + 2;
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        if (standalone) sb.Append(Inv($" width=\"{widthMm}mm\" height=\"{heightMm}mm\""));
        sb.Append(Inv($" viewBox=\"0 0 {widthMm} {heightMm}\" class=\"pack-label\" role=\"img\" aria-label=\"Pack label {Esc(pack.Gtin)} {Esc(pack.Serial)}\">"));
        sb.Append(Inv($"<rect width=\"{widthMm}\" height=\"{heightMm}\" fill=\"#fff\"/>"));
        AppendSymbol(sb, matrix, QuietZone(code), pad, pad, symbol);
        // Laid out so that nothing is cut: the name wraps, each size fits the width beside the code.
        var lines = LabelTextLayout.Lay(pack.ProductName, LabelContent.HumanReadable(pack), widthMm - textX - pad, heightMm - 2 * pad);
        sb.Append(Inv($"<g font-family=\"{LabelTextLayout.FontFamily}\" fill=\"#000\">"));
        var y = pad;
        foreach (var line in lines)
        {
            y += line.FontMm * LabelTextLayout.Leading;
            sb.Append(Inv($"<text x=\"{textX:0.##}\" y=\"{y - line.FontMm * 0.3:0.##}\" font-size=\"{line.FontMm:0.##}\">"));
            sb.Append("<tspan font-weight=\"bold\">").Append(Esc(line.Bold)).Append("</tspan>");
            if (line.Text.Length > 0) sb.Append(' ').Append(Esc(line.Text));
            sb.Append("</text>");
        }
        sb.Append("</g></svg>");
    }

    /// <summary>
    /// Appends the symbol as an &lt;svg&gt; in module units, nested at a position and size inside a
    /// label: one path, one "h" run per row of dark modules.
    /// </summary>
    internal static void AppendSymbol(StringBuilder sb, BitMatrix matrix, int quiet, double x, double y, double size)
    {
        var w = matrix.Width + 2 * quiet;
        var h = matrix.Height + 2 * quiet;
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"symbol\" shape-rendering=\"crispEdges\"");
        sb.Append(Inv($" x=\"{x:0.###}\" y=\"{y:0.###}\" width=\"{size:0.###}\" height=\"{size:0.###}\""));
        sb.Append(Inv($" viewBox=\"0 0 {w} {h}\"><rect width=\"{w}\" height=\"{h}\" fill=\"#fff\"/><path fill=\"#000\" d=\""));
        for (var row = 0; row < matrix.Height; row++)
        {
            var col = 0;
            while (col < matrix.Width)
            {
                if (!matrix[col, row]) { col++; continue; }
                var start = col;
                while (col < matrix.Width && matrix[col, row]) col++;
                sb.Append('M').Append(start + quiet).Append(' ').Append(row + quiet)
                  .Append('h').Append(col - start).Append("v1h-").Append(col - start).Append('z');
            }
        }
        sb.Append("\"/></svg>");
    }

    /// <summary>The symbol as 8-bit grey pixels (0 dark, 255 light), <paramref name="moduleSize"/> pixels per module, with quiet zone.</summary>
    public static (byte[] Pixels, int Width, int Height) Gray8(LabelCode code, string content, int moduleSize)
    {
        var matrix = Matrix(code, content);
        var quiet = QuietZone(code);
        var w = (matrix.Width + 2 * quiet) * moduleSize;
        var h = (matrix.Height + 2 * quiet) * moduleSize;
        var pixels = new byte[w * h];
        Array.Fill(pixels, (byte)255);
        for (var row = 0; row < matrix.Height; row++)
            for (var col = 0; col < matrix.Width; col++)
                if (matrix[col, row])
                    for (var dy = 0; dy < moduleSize; dy++)
                        Array.Fill(pixels, (byte)0, ((row + quiet) * moduleSize + dy) * w + (col + quiet) * moduleSize, moduleSize);
        return (pixels, w, h);
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
