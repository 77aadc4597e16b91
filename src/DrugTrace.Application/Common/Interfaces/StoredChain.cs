using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>One chain as stored: its events in seq order and the state row it folds into (null when there is none).</summary>
public sealed record StoredChain(StreamKind Stream, string Gtin, string Key, IReadOnlyList<StoredEvent> Events, PackState? Pack, LotState? Lot)
{
    /// <summary>A case chain's stored state.</summary>
    public CaseState? Case { get; init; }
}
