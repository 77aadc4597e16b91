using DrugTrace.Web.Labels;
using DrugTrace.Web.Scanning;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>Time to find the pack code in a 12-megapixel phone photo (JPEG), as POST /api/v1/scans/image does.</summary>
public static class PhotoDecode
{
    public static ScenarioResult Run(Scale scale)
    {
        var runs = Math.Max(5, scale.Of(50) * 2);
        var content = LabelContent.ElementString("04012345000115", "B7X000000042", "LOT2026A", new DateOnly(2030, 6, 30));
        var jpeg = Photo(content, 4000, 3000, moduleSize: 20);
        var reader = new PhotoReader(Options.Create(new ScanningOptions()));

        var first = reader.Read(jpeg); // warm-up, and the correctness check
        var correct = first.Code?.Text == content && first.Code.SymbologyId == "]d2";
        var times = new long[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            var (code, _) = reader.Read(jpeg);
            times[i] = System.Diagnostics.Stopwatch.GetTimestamp() - start;
            correct &= code?.Text == content;
        }
        Array.Sort(times);
        var p50 = Measure.PercentileMs(times, 50);
        var p95 = Measure.PercentileMs(times, 95);

        return new ScenarioResult("9. Photo decode (12 megapixels)",
        [
            new Figure("decode time, 4000x3000 JPEG, p95", "<= 300 ms", Measure.Ms(p95), p95 <= 300),
            new Figure("decode time, median", "(reference)", Measure.Ms(p50), null),
            new Figure("JPEG size", "(reference)", Measure.Mb(jpeg.Length), null),
            new Figure("the code read is the pack's element string (]d2)", "yes", correct ? "yes" : "no", correct, IsCorrectness: true),
        ],
        $"""
            A 4000 x 3000 JPEG (quality 90) of a carton-coloured background with some print and one GS1
            DataMatrix of 20 px modules off-centre, as a phone would take it, read {runs} times by
            `PhotoReader.Read` (SkiaSharp decode at a JPEG scale giving about 1600 px, grey conversion,
            code-patch location, each patch turned upright, ZXing.Net DataMatrix/QR on it; harder variants only
            within the search budget) after one untimed warm-up.
            """);
    }

    private static byte[] Photo(string content, int width, int height, int moduleSize)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(236, 232, 225));
        using (var ink = new SKPaint { Color = new SKColor(60, 60, 120), IsAntialias = true })
        {
            canvas.DrawRect(width * 0.05f, height * 0.05f, width * 0.9f, height * 0.08f, ink);
            canvas.DrawCircle(width * 0.85f, height * 0.8f, height * 0.08f, ink);
        }
        var (gray, w, h) = LabelRenderer.Gray8(LabelCode.DataMatrix, content, moduleSize);
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(gray, 0, bitmap.GetPixels(), gray.Length);
        using var symbol = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(symbol, width * 0.3f, height * 0.4f, new SKSamplingOptions(SKFilterMode.Linear));
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
