using DrugTrace.Application.Packs;
using DrugTrace.Web.Labels;
using ZXing;
using ZXing.Common;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>Pack label SVGs (GS1 DataMatrix + human-readable text) per second, as the label endpoints draw them.</summary>
public static class LabelRender
{
    public static ScenarioResult Run(Scale scale)
    {
        var count = scale.Of(200_000);
        var packs = Enumerable.Range(0, 1000)
            .Select(i => new PackView("04012345000115", "B7X" + i.ToString("D9", Measure.Inv), "LOT2026A", new DateOnly(2030, 6, 30), "Active", "4012345000016", "Amoxicillin 500 mg capsules, 20"))
            .ToArray();
        for (var i = 0; i < Math.Min(count, 2000); i++) LabelRenderer.PackLabelSvg(packs[i % packs.Length], LabelCode.DataMatrix, "https://example.org"); // warm-up

        long bytes = 0;
        var elapsed = Measure.Time(() =>
        {
            for (var i = 0; i < count; i++) bytes += LabelRenderer.PackLabelSvg(packs[i % packs.Length], LabelCode.DataMatrix, "https://example.org").Length;
        });
        var rate = Measure.Rate(count, elapsed);

        var sheetCount = Math.Max(1, count / 100);
        var sheetElapsed = Measure.Time(() =>
        {
            for (var i = 0; i < sheetCount; i++) LabelSheet.Pages(packs.AsSpan(0, LabelSheet.PerPage * 5).ToArray(), LabelCode.DataMatrix, "https://example.org");
        });
        var sheetRate = Measure.Rate(sheetCount * LabelSheet.PerPage * 5L, sheetElapsed);

        // Correctness: a label read back gives the pack's element string.
        var content = LabelContent.ElementString(packs[7]);
        var (gray, w, h) = LabelRenderer.Gray8(LabelCode.DataMatrix, content, 4);
        var read = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.DATA_MATRIX] } }
            .Decode(new RGBLuminanceSource(gray, w, h, RGBLuminanceSource.BitmapFormat.Gray8));
        var roundTrip = read?.Text == content && read.ResultMetadata[ResultMetadataType.SYMBOLOGY_IDENTIFIER] as string == "]d2";

        return new ScenarioResult("8. Label SVG generation",
        [
            new Figure("pack label SVGs per second (one thread)", ">= 2,000 labels/s", $"{Measure.N(rate)} labels/s", rate >= 2000),
            new Figure("labels per second on A4 sheets (21 per page, 5 pages)", "(reference)", $"{Measure.N(sheetRate)} labels/s", null),
            new Figure("average label size", "(reference)", $"{Measure.N(bytes / (double)count)} bytes", null),
            new Figure("a label decodes back to its element string as ]d2", "yes", roundTrip ? "yes" : "no", roundTrip, IsCorrectness: true),
        ],
        $"""
            One thread calls `LabelRenderer.PackLabelSvg` (ZXing.Net DataMatrix encoder, one SVG path of
            module runs, GTIN/SN/LOT/EXP text) {Measure.N(count)} times over 1,000 different packs after an
            untimed warm-up; the sheet figure renders {Measure.N(sheetCount)} five-page A4 sheets with
            `LabelSheet.Pages`. The check decodes one label's pixels with ZXing.Net.
            """);
    }
}
