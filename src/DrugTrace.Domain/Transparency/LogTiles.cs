using System.Globalization;
using System.Text;

namespace DrugTrace.Domain.Transparency;

/// <summary>
/// C2SP tlog-tiles geometry: tiles of height 8, so tile level L holds the hashes at tree level 8L,
/// 256 per full tile. A store keeps exactly what the tiles hold: the leaf hashes (level 0, derived
/// from the event hashes) and the nodes at tree levels 8, 16, 24... Any other node is the root of
/// at most 128 of those.
/// </summary>
public static class LogTiles
{
    public const int Height = 8;
    public const int Width = 1 << Height;
    public const int MaxLevel = 7;

    /// <summary>How many hashes exist at tile level <paramref name="tileLevel"/> in a tree of <paramref name="treeSize"/> leaves.</summary>
    public static long HashesAt(int tileLevel, long treeSize) => treeSize >> (Height * tileLevel);

    /// <summary>
    /// The stored nodes (tile level &gt;= 1, index) that leaf <paramref name="leafIndex"/> completes:
    /// each is the root of the full tile below it.
    /// </summary>
    public static IEnumerable<(int TileLevel, long Index)> NodesCompletedBy(long leafIndex)
    {
        var size = leafIndex + 1;
        for (var level = 1; level <= MaxLevel; level++)
        {
            var span = 1L << (Height * level);
            if (size % span != 0) yield break;
            yield return (level, size / span - 1);
        }
    }

    /// <summary>The <c>x001/x234/067</c> form of a tile index: 3-digit groups, every group but the last prefixed with x.</summary>
    public static string FormatIndex(long index)
    {
        var groups = new List<string>();
        var n = index;
        do
        {
            groups.Add((n % 1000).ToString("000", CultureInfo.InvariantCulture));
            n /= 1000;
        }
        while (n > 0);
        groups.Reverse();
        var sb = new StringBuilder();
        for (var i = 0; i < groups.Count; i++)
        {
            if (i > 0) sb.Append('/');
            if (i < groups.Count - 1) sb.Append('x');
            sb.Append(groups[i]);
        }
        return sb.ToString();
    }

    /// <summary>The tile's path below the log's prefix: <c>tile/L/N</c> or <c>tile/L/N.p/W</c> for a partial tile.</summary>
    public static string Path(int tileLevel, long index, int width) =>
        $"tile/{tileLevel.ToString(CultureInfo.InvariantCulture)}/{FormatIndex(index)}"
        + (width == Width ? "" : $".p/{width.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Parses the <c>x001/x234/067</c> form strictly: canonical groups only, so one tile has one name.</summary>
    public static bool TryParseIndex(string text, out long index)
    {
        index = 0;
        if (string.IsNullOrEmpty(text)) return false;
        var groups = text.Split('/');
        for (var i = 0; i < groups.Length; i++)
        {
            var g = groups[i];
            var last = i == groups.Length - 1;
            if (!last)
            {
                if (g.Length != 4 || g[0] != 'x') return false;
                g = g[1..];
            }
            if (g.Length != 3 || !g.All(char.IsAsciiDigit)) return false;
            if (index > (long.MaxValue - 999) / 1000) return false;
            index = index * 1000 + int.Parse(g, CultureInfo.InvariantCulture);
        }
        // No leading zero groups: x000/001 is not the name of tile 1.
        return groups.Length == 1 || !groups[0].Equals("x000", StringComparison.Ordinal);
    }
}
