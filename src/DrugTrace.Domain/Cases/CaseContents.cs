using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Cases;

/// <summary>A case as read from the ledger with everything inside it: its packs (with their lots) and, recursively, its cases.</summary>
public sealed record CaseContents(CaseState Case, IReadOnlyList<PackInCase> Packs, IReadOnlyList<CaseContents> Cases)
{
    /// <summary>Every pack inside, however deep.</summary>
    public int PackCount => Packs.Count + Cases.Sum(c => c.PackCount);

    /// <summary>Every case inside, however deep (not counting this one).</summary>
    public int CaseCount => Cases.Count + Cases.Sum(c => c.CaseCount);

    /// <summary>This case and every case inside it, outermost first.</summary>
    public IEnumerable<CaseContents> AllCases() => Cases.SelectMany(c => c.AllCases()).Prepend(this);
}

/// <summary>A pack inside a case, with its lot as the decision reads it (a recall stops the whole case).</summary>
public sealed record PackInCase(PackState Pack, LotState Lot);
