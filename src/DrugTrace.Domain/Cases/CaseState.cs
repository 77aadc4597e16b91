using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Cases;

/// <summary>A case's or pallet's current state: the fold of its own chain (<see cref="CaseLifecycle.Apply"/>).</summary>
public sealed record CaseState
{
    public required string Sscc { get; init; }
    public required CaseStatus Status { get; init; }
    /// <summary>GLN of the party holding the case (the sender while it is in transit).</summary>
    public required string Custodian { get; init; }
    public string? ShipTo { get; init; }
    /// <summary>The SSCC of the pallet this case is packed into, if any.</summary>
    public string? Parent { get; init; }
    /// <summary>Who packed it, and when.</summary>
    public required string PackedBy { get; init; }
    public required DateTimeOffset PackedAt { get; init; }
    public required string ChangedBy { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
    public required ChainHead Head { get; init; }
}
