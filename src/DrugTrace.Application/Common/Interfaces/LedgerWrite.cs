using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>
/// One write of a ledger batch (<see cref="ILedgerStore.TryAppendBatchAsync"/>): each is checked
/// like its single form, against the state the writes before it in the batch left.
/// </summary>
public abstract record LedgerWrite
{
    /// <summary>How many events the write appends to the log.</summary>
    public abstract int EventCount { get; }
}

/// <summary>Registers a new lot with its first event (no packs: see <see cref="PacksCommissioning"/>).</summary>
public sealed record LotRegistration(LotState Lot, LedgerEvent Event) : LedgerWrite
{
    public override int EventCount => 1;
}

/// <summary>
/// Commissions new packs (first events of their chains) into a registered lot that must still be
/// at <c>Lot.Head</c>: a recall committed meanwhile makes the batch lose.
/// </summary>
public sealed record PacksCommissioning(LotState Lot, IReadOnlyList<LedgerEvent> Events) : LedgerWrite
{
    public override int EventCount => Events.Count;
}

/// <summary>A pack event on the pack's head, with the pack's lot still at <paramref name="LotHead"/>.</summary>
public sealed record PackAppend(LedgerEvent Event, PackState State, ChainHead LotHead) : LedgerWrite
{
    public override int EventCount => 1;
}

/// <summary>A lot event (a recall) on the lot's head.</summary>
public sealed record LotAppend(LedgerEvent Event, LotState State) : LedgerWrite
{
    public override int EventCount => 1;
}

/// <summary>A new case or pallet with its first event: its SSCC must not be in the store yet.</summary>
public sealed record CaseCreation(CaseState Case, LedgerEvent Event) : LedgerWrite
{
    public override int EventCount => 1;
}

/// <summary>A case event on the case's head.</summary>
public sealed record CaseAppend(LedgerEvent Event, CaseState State) : LedgerWrite
{
    public override int EventCount => 1;
}
