namespace DrugTrace.Web.Scanning;

/// <summary>
/// An 8-bit grey picture (row-major, 0 dark) and the few pixel operations that turn a poor photo
/// of a code into one a decoder can read: crop, turn upright, rescale, smooth, stretch contrast, invert.
/// Each returns a new image, so attempts never disturb each other.
/// </summary>
public sealed class GrayImage(byte[] pixels, int width, int height)
{
    public byte[] Pixels { get; } = pixels;
    public int Width { get; } = width;
    public int Height { get; } = height;

    public byte this[int x, int y] => Pixels[y * Width + x];

    public GrayImage Crop(int x, int y, int w, int h)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        w = Math.Clamp(w, 1, Width - x);
        h = Math.Clamp(h, 1, Height - y);
        var result = new byte[w * h];
        for (var row = 0; row < h; row++)
            Array.Copy(Pixels, (y + row) * Width + x, result, row * w, w);
        return new GrayImage(result, w, h);
    }

    /// <summary>
    /// Turned by <paramref name="degrees"/> (counter-clockwise) about the centre into a canvas that
    /// holds all of it, the corners filled with <paramref name="fill"/>, sampled bilinearly.
    /// </summary>
    public GrayImage Rotate(double degrees, byte fill)
    {
        var radians = degrees * Math.PI / 180;
        var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
        var w = (int)Math.Ceiling(Math.Abs(cos) * Width + Math.Abs(sin) * Height);
        var h = (int)Math.Ceiling(Math.Abs(sin) * Width + Math.Abs(cos) * Height);
        var result = new byte[w * h];
        double cx = (Width - 1) / 2.0, cy = (Height - 1) / 2.0, ox = (w - 1) / 2.0, oy = (h - 1) / 2.0;
        for (var y = 0; y < h; y++)
        {
            var dy = y - oy;
            for (var x = 0; x < w; x++)
            {
                var dx = x - ox;
                // The source point that lands here.
                var sx = cos * dx - sin * dy + cx;
                var sy = sin * dx + cos * dy + cy;
                result[y * w + x] = Sample(sx, sy, fill);
            }
        }
        return new GrayImage(result, w, h);
    }

    /// <summary>Resized by <paramref name="factor"/>: averaging when smaller (which also evens out noise and JPEG blocks), bilinear when larger.</summary>
    public GrayImage Scale(double factor)
    {
        var w = Math.Max(1, (int)Math.Round(Width * factor));
        var h = Math.Max(1, (int)Math.Round(Height * factor));
        var result = new byte[w * h];
        if (factor < 1)
        {
            var step = 1 / factor;
            for (var y = 0; y < h; y++)
            {
                int y0 = (int)(y * step), y1 = Math.Min(Height, Math.Max(y0 + 1, (int)((y + 1) * step)));
                for (var x = 0; x < w; x++)
                {
                    int x0 = (int)(x * step), x1 = Math.Min(Width, Math.Max(x0 + 1, (int)((x + 1) * step)));
                    int sum = 0, n = 0;
                    for (var yy = y0; yy < y1; yy++)
                        for (var xx = x0; xx < x1; xx++) { sum += Pixels[yy * Width + xx]; n++; }
                    result[y * w + x] = (byte)(sum / n);
                }
            }
        }
        else
        {
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                    result[y * w + x] = Sample((x + 0.5) / factor - 0.5, (y + 0.5) / factor - 0.5, 255);
        }
        return new GrayImage(result, w, h);
    }

    /// <summary>Each pixel the mean of its 3 x 3 neighbourhood: takes the edge off sensor noise.</summary>
    public GrayImage Smooth()
    {
        var result = new byte[Pixels.Length];
        for (var y = 0; y < Height; y++)
        {
            int ya = Math.Max(0, y - 1), yb = Math.Min(Height - 1, y + 1);
            for (var x = 0; x < Width; x++)
            {
                int xa = Math.Max(0, x - 1), xb = Math.Min(Width - 1, x + 1);
                int sum = 0, n = 0;
                for (var yy = ya; yy <= yb; yy++)
                    for (var xx = xa; xx <= xb; xx++) { sum += Pixels[yy * Width + xx]; n++; }
                result[y * Width + x] = (byte)(sum / n);
            }
        }
        return new GrayImage(result, Width, Height);
    }

    /// <summary>The darkest and lightest percent pulled out to black and white, so a faint grey-on-grey code gets full contrast.</summary>
    public GrayImage Stretch()
    {
        var (low, high) = Levels(0.01);
        if (high - low < 8) return this;
        var map = new byte[256];
        for (var v = 0; v < 256; v++) map[v] = (byte)Math.Clamp((v - low) * 255 / (high - low), 0, 255);
        var result = new byte[Pixels.Length];
        for (var i = 0; i < result.Length; i++) result[i] = map[Pixels[i]];
        return new GrayImage(result, Width, Height);
    }

    /// <summary>Light for dark: a code printed light on a dark ground.</summary>
    public GrayImage Invert()
    {
        var result = new byte[Pixels.Length];
        for (var i = 0; i < result.Length; i++) result[i] = (byte)(255 - Pixels[i]);
        return new GrayImage(result, Width, Height);
    }

    /// <summary>With a <paramref name="margin"/>-pixel border of <paramref name="fill"/>: the decoders need a quiet zone round the code.</summary>
    public GrayImage Pad(int margin, byte fill)
    {
        var w = Width + 2 * margin;
        var h = Height + 2 * margin;
        var result = new byte[w * h];
        Array.Fill(result, fill);
        for (var y = 0; y < Height; y++)
            Array.Copy(Pixels, y * Width, result, (y + margin) * w + margin, Width);
        return new GrayImage(result, w, h);
    }

    /// <summary>The grey levels below which <paramref name="fraction"/> and above which <paramref name="fraction"/> of the pixels lie.</summary>
    public (int Low, int High) Levels(double fraction)
    {
        var histogram = new int[256];
        var step = Math.Max(1, Pixels.Length / 200_000);
        var count = 0;
        for (var i = 0; i < Pixels.Length; i += step) { histogram[Pixels[i]]++; count++; }
        var cut = (int)(count * fraction);
        int low = 0, high = 255, seen = 0;
        for (; low < 255 && (seen += histogram[low]) <= cut; low++) { }
        seen = 0;
        for (; high > 0 && (seen += histogram[high]) <= cut; high--) { }
        return (low, Math.Max(low, high));
    }

    private byte Sample(double x, double y, byte fill)
    {
        if (x < 0 || y < 0 || x > Width - 1 || y > Height - 1) return fill;
        int x0 = (int)x, y0 = (int)y;
        int x1 = Math.Min(x0 + 1, Width - 1), y1 = Math.Min(y0 + 1, Height - 1);
        double fx = x - x0, fy = y - y0;
        var top = Pixels[y0 * Width + x0] * (1 - fx) + Pixels[y0 * Width + x1] * fx;
        var bottom = Pixels[y1 * Width + x0] * (1 - fx) + Pixels[y1 * Width + x1] * fx;
        return (byte)(top * (1 - fy) + bottom * fy + 0.5);
    }
}
