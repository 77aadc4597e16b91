namespace DrugTrace.Benchmarks;

/// <summary>Full scale, or about 1/100 of it for a quick smoke run.</summary>
public sealed record Scale(bool Quick)
{
    public int Of(int full) => Quick ? Math.Max(1, full / 100) : full;
}
