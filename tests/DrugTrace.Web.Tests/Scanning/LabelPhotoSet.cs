using DrugTrace.Web.Labels;
using SkiaSharp;

namespace DrugTrace.Web.Tests.Scanning;

/// <summary>One photo of a label: what it shows, the file, and the element string it must read as.</summary>
public sealed record LabelPhoto(string Name, string Kind, byte[] File, string Expected)
{
    public string Extension => File[0] == 0xFF ? "jpg" : "png";
}

/// <summary>
/// A varied, repeatable set of label photos made from the app's own DataMatrix labels with
/// SkiaSharp: clean, small (100 px), large, phone-sized (12 megapixels), rotated anywhere in
/// 0-360 degrees, in perspective, blurred, noisy, JPEG quality 30, low contrast, cluttered, and
/// mixes of these, the way a pharmacist's uploads differ. The same seed gives the same files, so
/// the server's read rate and zxing-wasm's can be compared file by file (see the benchmarks).
/// </summary>
public static class LabelPhotoSet
{
    public static readonly string[] Kinds =
        ["clean", "small", "large", "phone", "rotated", "perspective", "blurred", "noisy", "jpeg30", "low-contrast", "cluttered", "mixed"];

    public static IReadOnlyList<LabelPhoto> Make(int perKind = 8, int seed = 16)
    {
        var photos = new List<LabelPhoto>();
        var random = new Random(seed);
        foreach (var kind in Kinds)
            for (var i = 0; i < perKind; i++)
            {
                var serial = $"PH{kind.Length:00}{i:000}{random.Next(100000, 999999)}";
                var lot = $"L{random.Next(1000, 9999)}{(char)('A' + random.Next(26))}";
                var expiry = new DateOnly(2028 + random.Next(4), 1 + random.Next(12), 28);
                var content = LabelContent.ElementString("0" + (4012345000000 + random.Next(10000, 99999)).ToString(), serial, lot, expiry);
                var shot = Shot.For(kind, random);
                photos.Add(new LabelPhoto($"{kind}-{i:00}", kind, Render(content, shot, random), content));
            }
        return photos;
    }

    /// <summary>How one photo is taken.</summary>
    private sealed record Shot(int Width, int Height, float CodeSide, float Rotation, float Tilt, float Blur, int Noise,
        int Quality, byte Dark, byte Light, bool Clutter, bool Jpeg)
    {
        public static Shot For(string kind, Random r)
        {
            float Angle() => (float)(r.NextDouble() * 360);
            var clean = new Shot(800, 600, 160, 0, 0, 0, 0, 90, 0, 255, false, false);
            return kind switch
            {
                "clean" => clean with { Width = 600 + r.Next(600), Height = 500 + r.Next(300), CodeSide = 120 + r.Next(200) },
                // A crisp code that fills most of a small picture: 100-200 px.
                "small" => clean with { Width = 100 + r.Next(100), Height = 100 + r.Next(60), CodeSide = 0.75f },
                "large" => clean with { Width = 2200 + r.Next(800), Height = 1800 + r.Next(600), CodeSide = 500 + r.Next(800), Jpeg = true },
                "phone" => clean with { Width = 4000, Height = 3000, CodeSide = 250 + r.Next(500), Rotation = (float)(r.NextDouble() * 20 - 10), Blur = 1.5f, Noise = 6, Jpeg = true },
                "rotated" => clean with { Rotation = Angle(), CodeSide = 140 + r.Next(160) },
                "perspective" => clean with { Rotation = Angle(), Tilt = 0.00025f + (float)r.NextDouble() * 0.0004f, CodeSide = 180 + r.Next(120) },
                "blurred" => clean with { Blur = 1 + (float)r.NextDouble() * 1.5f, CodeSide = 160 + r.Next(140) },
                "noisy" => clean with { Noise = 25 + r.Next(25), CodeSide = 160 + r.Next(140) },
                "jpeg30" => clean with { Quality = 30, Jpeg = true, CodeSide = 130 + r.Next(170), Rotation = Angle() },
                "low-contrast" => clean with { Dark = (byte)(110 + r.Next(30)), Light = (byte)(170 + r.Next(30)), CodeSide = 160 + r.Next(140) },
                "cluttered" => clean with { Clutter = true, Width = 1200, Height = 900, CodeSide = 160 + r.Next(160), Rotation = Angle() },
                _ => clean with
                {
                    Width = 1000 + r.Next(1000), Height = 800 + r.Next(600), CodeSide = 200 + r.Next(250), Rotation = Angle(),
                    Tilt = (float)r.NextDouble() * 0.0002f, Blur = (float)r.NextDouble() * 1.5f, Noise = r.Next(20),
                    Dark = (byte)r.Next(60), Light = (byte)(200 + r.Next(55)), Clutter = r.Next(2) == 0, Jpeg = true, Quality = 40 + r.Next(50),
                },
            };
        }
    }

    private static byte[] Render(string content, Shot shot, Random r)
    {
        using var surface = SKSurface.Create(new SKImageInfo(shot.Width, shot.Height, SKColorType.Bgra8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        var small = shot.CodeSide <= 1;
        canvas.Clear(small ? SKColors.White : new SKColor(226, 221, 212));
        if (!small)
        {
            // A carton: coloured print band and a logo.
            using var ink = new SKPaint { Color = new SKColor(40, 70, 140), IsAntialias = true };
            canvas.DrawRect(shot.Width * 0.04f, shot.Height * 0.05f, shot.Width * 0.92f, shot.Height * 0.07f, ink);
            canvas.DrawCircle(shot.Width * 0.88f, shot.Height * 0.82f, shot.Height * 0.07f, ink);
        }
        if (shot.Clutter) DrawClutter(canvas, shot, r);

        using var label = Label(content, shot);
        var side = small ? Math.Min(shot.Width, shot.Height) * shot.CodeSide : shot.CodeSide;
        // The whole label in the picture however it is turned (its bounding box at most 90% of the picture).
        var radians = shot.Rotation * MathF.PI / 180;
        var (cos, sin) = (MathF.Abs(MathF.Cos(radians)), MathF.Abs(MathF.Sin(radians)));
        var (boxW, boxH) = (cos * label.Width + sin * label.Height, sin * label.Width + cos * label.Height);
        var scale = Math.Min(side / label.Height, Math.Min(0.9f * shot.Width / boxW, 0.9f * shot.Height / boxH) / (1 + shot.Tilt * 1000));
        // The label anywhere it fits, turned and tilted about its own centre.
        float Place(int extent, float box) => extent / 2f + ((float)r.NextDouble() - 0.5f) * Math.Max(0, extent - box * scale * 1.05f);
        var cx = small ? shot.Width / 2f : Place(shot.Width, boxW);
        var cy = small ? shot.Height / 2f : Place(shot.Height, boxH);
        var matrix = SKMatrix.CreateTranslation(-label.Width / 2f, -label.Height / 2f)
            .PostConcat(SKMatrix.CreateScale(scale, scale))
            .PostConcat(SKMatrix.CreateRotationDegrees(shot.Rotation));
        if (shot.Tilt > 0)
            matrix = matrix.PostConcat(new SKMatrix(1, 0, 0, 0, 1, 0, shot.Tilt * (float)(r.NextDouble() - 0.5) * 2, shot.Tilt, 1));
        matrix = matrix.PostConcat(SKMatrix.CreateTranslation(cx, cy));
        canvas.Save();
        canvas.SetMatrix(matrix);
        using (var image = SKImage.FromBitmap(label))
        using (var paint = new SKPaint { IsAntialias = true })
        {
            if (shot.Blur > 0) paint.ImageFilter = SKImageFilter.CreateBlur(shot.Blur / scale, shot.Blur / scale);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        }
        canvas.Restore();

        using var snapshot = surface.Snapshot();
        using var bitmap = SKBitmap.FromImage(snapshot);
        if (shot.Noise > 0 || shot.Dark > 0 || shot.Light < 255) Degrade(bitmap, shot, r);
        using var data = bitmap.Encode(shot.Jpeg ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, shot.Quality);
        return data.ToArray();
    }

    /// <summary>The pack label: a white sticker with the DataMatrix on the left and dark text bars (lines of print) on the right.</summary>
    private static SKBitmap Label(string content, Shot shot)
    {
        const int module = 8;
        var (gray, w, h) = LabelRenderer.Gray8(LabelCode.DataMatrix, content, module);
        var pad = 2 * module;
        var small = shot.CodeSide <= 1;
        var width = small ? w + 2 * pad : w + 2 * pad + (int)(w * 1.6);
        var bitmap = new SKBitmap(new SKImageInfo(width, h + 2 * pad, SKColorType.Bgra8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using (var symbol = new SKBitmap(new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque)))
        {
            System.Runtime.InteropServices.Marshal.Copy(gray, 0, symbol.GetPixels(), gray.Length);
            using var image = SKImage.FromBitmap(symbol);
            canvas.DrawImage(image, pad, pad, new SKSamplingOptions(SKFilterMode.Nearest));
        }
        if (!small)
        {
            using var ink = new SKPaint { Color = SKColors.Black };
            for (var line = 0; line < 4; line++)
                canvas.DrawRect(w + 2 * pad, pad + line * h / 4f + h / 16f, w * (line == 0 ? 1.4f : 0.9f), h / 12f, ink);
        }
        return bitmap;
    }

    private static void DrawClutter(SKCanvas canvas, Shot shot, Random r)
    {
        using var paint = new SKPaint { IsAntialias = true, StrokeWidth = 3 };
        for (var i = 0; i < 40; i++)
        {
            paint.Color = new SKColor((byte)r.Next(200), (byte)r.Next(200), (byte)r.Next(200));
            paint.Style = r.Next(2) == 0 ? SKPaintStyle.Fill : SKPaintStyle.Stroke;
            float x = r.Next(shot.Width), y = r.Next(shot.Height);
            switch (r.Next(3))
            {
                case 0: canvas.DrawRect(x, y, 10 + r.Next(120), 4 + r.Next(30), paint); break;
                case 1: canvas.DrawCircle(x, y, 5 + r.Next(40), paint); break;
                default: canvas.DrawLine(x, y, x + r.Next(-200, 200), y + r.Next(-200, 200), paint); break;
            }
        }
        // A linear barcode and a checkerboard patch: edge-dense print that is not the pack code.
        using var black = new SKPaint { Color = SKColors.Black };
        float bx = shot.Width * 0.05f, by = shot.Height * 0.7f;
        for (var i = 0; i < 40; i++)
            canvas.DrawRect(bx + i * 6, by, 1 + r.Next(4), 80, black);
        float gx = shot.Width * 0.75f, gy = shot.Height * 0.2f;
        for (var i = 0; i < 8; i++)
            for (var j = 0; j < 8; j++)
                if ((i + j) % 2 == 0) canvas.DrawRect(gx + i * 7, gy + j * 7, 7, 7, black);
    }

    /// <summary>Low contrast (dark and light levels pulled together) and Gaussian-ish sensor noise.</summary>
    private static void Degrade(SKBitmap bitmap, Shot shot, Random r)
    {
        var pixels = bitmap.GetPixelSpan().ToArray();
        var range = shot.Light - shot.Dark;
        for (var p = 0; p < pixels.Length; p += 4)
        {
            var noise = shot.Noise > 0 ? (int)((r.NextDouble() + r.NextDouble() + r.NextDouble() - 1.5) * shot.Noise * 1.4) : 0;
            for (var c = 0; c < 3; c++)
                pixels[p + c] = (byte)Math.Clamp(shot.Dark + pixels[p + c] * range / 255 + noise, 0, 255);
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
    }
}
