using DrugTrace.Web.Labels;
using SkiaSharp;

namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>Photos of codes, made with the app's own label renderer and SkiaSharp.</summary>
public static class Photos
{
    /// <summary>
    /// A <paramref name="width"/> x <paramref name="height"/> picture, light grey like a carton,
    /// with each code drawn at <paramref name="moduleSize"/> pixels per module, side by side.
    /// </summary>
    public static byte[] Of(IReadOnlyList<(LabelCode Code, string Content)> codes, int width = 1200, int height = 900, int moduleSize = 8,
        SKEncodedImageFormat format = SKEncodedImageFormat.Png, int quality = 90)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(236, 232, 225));
        // Some carton print around the code.
        using (var ink = new SKPaint { Color = new SKColor(60, 60, 120), IsAntialias = true })
        {
            canvas.DrawRect(width * 0.05f, height * 0.05f, width * 0.9f, height * 0.08f, ink);
            canvas.DrawCircle(width * 0.85f, height * 0.8f, height * 0.08f, ink);
        }
        var x = width / 8;
        foreach (var (code, content) in codes)
        {
            var (gray, w, h) = LabelRenderer.Gray8(code, content, moduleSize);
            using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque));
            System.Runtime.InteropServices.Marshal.Copy(gray, 0, bitmap.GetPixels(), gray.Length);
            using var symbolImage = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(symbolImage, x, (height - h) / 2, new SKSamplingOptions(SKFilterMode.Nearest));
            x += w + width / 10;
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    public static byte[] Of(LabelCode code, string content, int width = 1200, int height = 900, int moduleSize = 8,
        SKEncodedImageFormat format = SKEncodedImageFormat.Png) => Of([(code, content)], width, height, moduleSize, format);

    public static MultipartFormDataContent Form(byte[] image, string fileName = "pack.png", string action = "verify")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(fileName.EndsWith(".png") ? "image/png" : "image/jpeg");
        form.Add(file, "image", fileName);
        form.Add(new StringContent(action), "action");
        return form;
    }
}
