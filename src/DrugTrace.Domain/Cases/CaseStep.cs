using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Cases;

/// <summary>One event of an accepted case operation, with the state it leaves; the caller stores them all or none.</summary>
public abstract record CaseStep(LedgerEvent Event)
{
    /// <summary>A pack's event; its lot must still be at <paramref name="LotHead"/> when it is stored.</summary>
    public sealed record OfPack(LedgerEvent Event, PackState State, ChainHead LotHead) : CaseStep(Event);

    /// <summary>A case's event; <paramref name="IsNew"/> for the first one of a new case (its SSCC must be unused).</summary>
    public sealed record OfCase(LedgerEvent Event, CaseState State, bool IsNew) : CaseStep(Event);
}
