using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;

namespace DrugTrace.Application.Cases;

/// <summary>An accepted case operation as one all-or-nothing batch of ledger writes.</summary>
public static class CaseWrites
{
    public static IReadOnlyList<LedgerWrite> Of(IReadOnlyList<CaseStep> steps) =>
    [
        .. steps.Select<CaseStep, LedgerWrite>(s => s switch
        {
            CaseStep.OfPack p => new PackAppend(p.Event, p.State, p.LotHead),
            CaseStep.OfCase { IsNew: true } c => new CaseCreation(c.State, c.Event),
            CaseStep.OfCase c => new CaseAppend(c.Event, c.State),
            _ => throw new InvalidOperationException($"Unknown case step {s.GetType().Name}."),
        }),
    ];
}
