namespace DrugTrace.Web.Scanning;

/// <summary>
/// Finds where 2D codes may be in a grey image: a code is a patch dense in sharp light/dark
/// edges in both directions. ZXing.Net's DataMatrix detector looks outward from the middle of
/// the image it is given, so an off-centre code, or the second of two, is only found when it is
/// handed a crop around each candidate patch.
/// </summary>
public static class CodeLocator
{
    /// <summary>Rectangles (x, y, width, height) worth decoding, largest first.</summary>
    public static IReadOnlyList<(int X, int Y, int Width, int Height)> Candidates(byte[] gray, int width, int height)
    {
        // Grainy photos are looked at smoothed; what counts as an edge follows the picture's own
        // contrast (a faint grey-on-grey code) and noise (a dark room's grain is not a grid).
        var noise = Noise(gray, width, height);
        if (noise > 6)
        {
            gray = new GrayImage(gray, width, height).Smooth().Pixels;
            noise = Noise(gray, width, height);
        }
        var (low, high) = new GrayImage(gray, width, height).Levels(0.01);
        var edge = Math.Max(Math.Clamp((high - low) / 5, 8, 40), 3 * noise + 4);

        var cell = Math.Clamp(Math.Max(width, height) / 100, 8, 32);
        var cols = width / cell;
        var rows = height / cell;
        if (cols < 3 || rows < 3) return [];
        var dense = new bool[cols * rows];
        for (var cy = 0; cy < rows; cy++)
        {
            for (var cx = 0; cx < cols; cx++)
            {
                int horizontal = 0, vertical = 0;
                var x0 = cx * cell;
                var y0 = cy * cell;
                for (var y = y0; y < y0 + cell; y += 2)
                {
                    var row = y * width;
                    for (var x = x0; x < Math.Min(x0 + cell, width - 2); x++)
                        if (Math.Abs(gray[row + x] - gray[row + x + 2]) > edge) horizontal++;
                }
                for (var x = x0; x < x0 + cell; x += 2)
                    for (var y = y0; y < Math.Min(y0 + cell, height - 2); y++)
                        if (Math.Abs(gray[y * width + x] - gray[(y + 2) * width + x]) > edge) vertical++;
                // About one edge per few pixels in both directions: a module grid, not a line or a
                // letter's outline. Pixels two apart are compared, so a blurred edge still counts.
                var needed = cell / 2;
                dense[cy * cols + cx] = horizontal >= needed && vertical >= needed;
            }
        }

        // Connected patches of dense cells (8-neighbourhood, bridging one-cell gaps).
        var label = new int[cols * rows];
        var boxes = new List<(int X0, int Y0, int X1, int Y1, int Count)>();
        var stack = new Stack<int>();
        for (var i = 0; i < dense.Length; i++)
        {
            if (!dense[i] || label[i] != 0) continue;
            var id = boxes.Count + 1;
            int bx0 = int.MaxValue, by0 = int.MaxValue, bx1 = -1, by1 = -1, count = 0;
            label[i] = id;
            stack.Push(i);
            while (stack.Count > 0)
            {
                var k = stack.Pop();
                int kx = k % cols, ky = k / cols;
                bx0 = Math.Min(bx0, kx); by0 = Math.Min(by0, ky); bx1 = Math.Max(bx1, kx); by1 = Math.Max(by1, ky); count++;
                for (var dy = -2; dy <= 2; dy++)
                    for (var dx = -2; dx <= 2; dx++)
                    {
                        int nx = kx + dx, ny = ky + dy;
                        if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
                        var n = ny * cols + nx;
                        if (dense[n] && label[n] == 0) { label[n] = id; stack.Push(n); }
                    }
            }
            boxes.Add((bx0, by0, bx1, by1, count));
        }

        return [.. boxes
            .Where(b => b.X1 - b.X0 >= 1 && b.Y1 - b.Y0 >= 1 && b.Count >= 4)
            .Where(b => (b.X1 - b.X0 + 1.0) / (b.Y1 - b.Y0 + 1.0) is > 0.25 and < 4)
            .OrderByDescending(b => b.Count)
            .Take(12)
            .Select(b =>
            {
                // The patch plus a margin for the quiet zone and the finder's edges.
                var margin = Math.Max(2, Math.Max(b.X1 - b.X0, b.Y1 - b.Y0) / 3 + 1);
                var x = Math.Max(0, (b.X0 - margin) * cell);
                var y = Math.Max(0, (b.Y0 - margin) * cell);
                var r = Math.Min(width, (b.X1 + 1 + margin) * cell);
                var bottom = Math.Min(height, (b.Y1 + 1 + margin) * cell);
                return (x, y, r - x, bottom - y);
            })];
    }

    /// <summary>The median difference between horizontal neighbours: near 0 for a clean picture, the grain's size for a noisy one.</summary>
    private static int Noise(byte[] gray, int width, int height)
    {
        var histogram = new int[256];
        var step = Math.Max(1, gray.Length / 100_000) | 1;
        var count = 0;
        for (var i = 0; i < gray.Length - 1; i += step)
        {
            if ((i + 1) % width == 0) continue;
            histogram[Math.Abs(gray[i] - gray[i + 1])]++;
            count++;
        }
        for (int v = 0, seen = 0; v < 256; v++)
            if ((seen += histogram[v]) * 2 >= count) return v;
        return 0;
    }
}
