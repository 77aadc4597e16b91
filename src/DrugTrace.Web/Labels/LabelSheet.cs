using System.Globalization;
using System.Net;
using System.Text;
using DrugTrace.Application.Packs;

namespace DrugTrace.Web.Labels;

/// <summary>
/// A printable A4 sheet of a lot's pack labels: a grid of <see cref="Columns"/> x <see cref="Rows"/>
/// labels of 63.5 x 38.1 mm (the common 21-up label stock), one page per <see cref="PerPage"/>
/// packs, each label with its code and human-readable text. Print at 100 % ("actual size").
/// </summary>
public static class LabelSheet
{
    public const int Columns = 3;
    public const int Rows = 7;
    public const int PerPage = Columns * Rows;
    public const double LabelWidthMm = 63.5;
    public const double LabelHeightMm = 38.1;

    /// <summary>Print styles: A4 with no browser margins; on screen the pages are shown as paper.</summary>
    public const string Css = """
        @page { size: A4 portrait; margin: 0; }
        .label-sheets { display: flex; flex-direction: column; align-items: center; gap: 8mm; }
        .label-page { box-sizing: border-box; width: 210mm; height: 297mm; padding: 15.15mm 7.2mm; background: #fff;
          display: grid; grid-template-columns: repeat(3, 63.5mm); grid-auto-rows: 38.1mm; column-gap: 2.5mm;
          box-shadow: 0 1px 6px rgba(0,0,0,.25); overflow: hidden; }
        .label-cell { display: flex; flex-direction: column; justify-content: center; padding: 1mm 2mm; box-sizing: border-box; outline: 0.2mm dashed #ccc; }
        .label-cell svg.pack-label { width: 100%; height: auto; display: block; }
        .label-cell .caption { font: 2.3mm/1.2 "DejaVu Sans", Arial, Helvetica, sans-serif; color: #333; margin-top: .6mm; overflow-wrap: anywhere; }
        @media print {
          html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; }
          body * { visibility: hidden; }
          .label-sheets, .label-sheets * { visibility: visible; }
          .label-sheets { position: absolute; left: 0; top: 0; gap: 0; display: block; }
          .label-page { box-shadow: none; break-after: page; page-break-after: always; }
          .label-page:last-child { break-after: auto; page-break-after: auto; }
          .label-cell { outline: none; }
        }
        """;

    /// <summary>The pages (without &lt;html&gt;), for a page that adds its own chrome.</summary>
    public static string Pages(IReadOnlyList<PackView> packs, LabelCode code, string digitalLinkBase)
    {
        var sb = new StringBuilder(packs.Count * 6000 + 256);
        sb.Append("<div class=\"label-sheets\" data-testid=\"label-sheets\">");
        for (var i = 0; i < packs.Count; i++)
        {
            if (i % PerPage == 0)
            {
                if (i > 0) sb.Append("</section>");
                sb.Append("<section class=\"label-page\">");
            }
            var pack = packs[i];
            sb.Append("<div class=\"label-cell\" data-serial=\"").Append(WebUtility.HtmlEncode(pack.Serial)).Append("\">");
            LabelRenderer.AppendPackLabel(sb, pack, code, digitalLinkBase, LabelWidthMm - 4, 26, standalone: false);
            // The whole element string in words, serial included: it wraps between AIs rather than being cut.
            sb.Append("<div class=\"caption\" data-testid=\"hri\">(01)").Append(pack.Gtin)
              .Append("<wbr>(17)").Append(LabelContent.Yymmdd(pack.Expiry))
              .Append("<wbr>(10)").Append(WebUtility.HtmlEncode(pack.Lot))
              .Append("<wbr>(21)").Append(WebUtility.HtmlEncode(pack.Serial)).Append("</div></div>");
        }
        if (packs.Count > 0) sb.Append("</section>");
        sb.Append("</div>");
        return sb.ToString();
    }

    /// <summary>A whole HTML document: open it and print.</summary>
    public static string Document(string title, IReadOnlyList<PackView> packs, LabelCode code, string digitalLinkBase) =>
        string.Create(CultureInfo.InvariantCulture, $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(title)}</title>
            <style>body {"{"} margin: 0; padding: 8mm 0; background: #eee; {"}"}
            {Css}</style></head><body>
            {Pages(packs, code, digitalLinkBase)}
            </body></html>
            """);
}
