namespace DrugTrace.Web.Scanning;

/// <summary>
/// How far a code is turned from upright, from the direction of its edges: a DataMatrix or QR
/// code is a grid, so its strong edges run in two perpendicular directions and the angle modulo
/// 90 degrees stands out in a histogram of gradient directions. ZXing.Net's detectors find an
/// upright (or slightly turned) code far more reliably than one at 30 or 45 degrees.
/// </summary>
public static class Orientation
{
    /// <summary>The grid's angle in [0, 90) degrees, and how clearly it stands out (share of edge weight within 4 degrees of it).</summary>
    public static (double Degrees, double Clarity) Of(GrayImage image)
    {
        var bins = new double[90];
        var (w, h, p) = (image.Width, image.Height, image.Pixels);
        var step = Math.Max(1, (int)Math.Sqrt((double)w * h / 120_000));
        double total = 0;
        for (var y = 1; y < h - 1; y += step)
        {
            for (var x = 1; x < w - 1; x += step)
            {
                var i = y * w + x;
                // Sobel: nearly the same answer in every direction, unlike a plain difference.
                double gx = p[i - w + 1] + 2 * p[i + 1] + p[i + w + 1] - p[i - w - 1] - 2 * p[i - 1] - p[i + w - 1];
                double gy = p[i + w - 1] + 2 * p[i + w] + p[i + w + 1] - p[i - w - 1] - 2 * p[i - w] - p[i - w + 1];
                var magnitude = Math.Abs(gx) + Math.Abs(gy);
                if (magnitude < 96) continue;
                var angle = Math.Atan2(gy, gx) * 180 / Math.PI;
                var bin = (int)Math.Floor(((angle % 90) + 90) % 90);
                bins[Math.Min(89, bin)] += magnitude;
                total += magnitude;
            }
        }
        if (total == 0) return (0, 0);

        // Peak of the circular histogram smoothed over 5 degrees, refined to its weighted centre.
        int best = 0;
        double bestWeight = -1;
        for (var b = 0; b < 90; b++)
        {
            double sum = 0;
            for (var d = -2; d <= 2; d++) sum += bins[(b + d + 90) % 90];
            if (sum > bestWeight) { bestWeight = sum; best = b; }
        }
        double weighted = 0, weight = 0, near = 0;
        for (var d = -4; d <= 4; d++)
        {
            var v = bins[(best + d + 90) % 90];
            near += v;
            if (Math.Abs(d) <= 2) { weighted += (best + d + 0.5) * v; weight += v; }
        }
        var degrees = weight > 0 ? weighted / weight : best + 0.5;
        return (((degrees % 90) + 90) % 90, near / total);
    }
}
