using System.Globalization;

namespace DrugTrace.Web.Components.Shared;

/// <summary>Counts in words the way people write them: "1 pack", "2 packs", "1,000 packs".</summary>
public static class Words
{
    public static string Count(int n, string one, string many) =>
        $"{n.ToString("N0", CultureInfo.InvariantCulture)} {(n == 1 ? one : many)}";

    public static string Packs(int n) => Count(n, "pack", "packs");
}
