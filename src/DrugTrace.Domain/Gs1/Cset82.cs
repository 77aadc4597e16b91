namespace DrugTrace.Domain.Gs1;

/// <summary>GS1 AI encodable character set 82: the alphabet of serials and lot numbers.</summary>
public static class Cset82
{
    public static bool Contains(char c) => c < 128 && Linters.Cset82.Contains(c, StringComparison.Ordinal);
}
