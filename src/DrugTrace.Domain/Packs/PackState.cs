using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Packs;

/// <summary>A pack's current state: the fold of its chain (<see cref="PackLifecycle.Apply"/>).</summary>
public sealed record PackState
{
    public required string Gtin { get; init; }
    public required string Serial { get; init; }
    public required string Lot { get; init; }
    public required DateOnly Expiry { get; init; }
    public required PackStatus Status { get; init; }
    /// <summary>GLN of the party holding the pack (the sender while it is in transit).</summary>
    public required string Custodian { get; init; }
    /// <summary>GLN the pack is shipped to while <see cref="PackStatus.InTransit"/>.</summary>
    public string? ShipTo { get; init; }
    /// <summary>Who made the last status change and when: "already dispensed by X at T".</summary>
    public required string ChangedBy { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
    public required ChainHead Head { get; init; }
    /// <summary>While <see cref="PackStatus.Quarantined"/>: the status a release goes back to.</summary>
    public PackStatus? HeldFrom { get; init; }
    /// <summary>The SSCC of the case or pallet the pack is packed into: it then moves only with it.</summary>
    public string? Parent { get; init; }
}
