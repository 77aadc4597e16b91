using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>What is packed directly in one case.</summary>
public sealed record CaseChildren(IReadOnlyList<PackState> Packs, IReadOnlyList<CaseState> Cases)
{
    public static readonly CaseChildren None = new([], []);
}
