namespace DrugTrace.Domain.Ledger;

/// <summary>
/// One link of a pack's or lot's hash chain (ARCHITECTURE.md section 3). Everything but
/// <see cref="Hash"/> is the hashed body; <see cref="Key"/> is the serial for a pack and the
/// lot number for a lot.
/// </summary>
public sealed record LedgerEvent
{
    public required StreamKind Stream { get; init; }
    public required string Gtin { get; init; }
    public required string Key { get; init; }
    public required int Seq { get; init; }
    public required EventType Type { get; init; }
    public required string Actor { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Reason { get; init; }
    /// <summary>Lot number, stated on the commissioning and lot events.</summary>
    public string? Lot { get; init; }
    /// <summary>Expiry, stated on the commissioning and lot registration events.</summary>
    public DateOnly? Expiry { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public required Hash256 PrevHash { get; init; }
    public Hash256 Hash { get => _hash; init => _hash = value; }

    private Hash256 _hash;

    /// <summary>
    /// Fills in the hash of an event just made, that nothing else has seen yet (<see cref="LedgerEvents"/>):
    /// sealing with <c>with</c> made every event twice, and commissioning makes a thousand per lot.
    /// </summary>
    internal LedgerEvent SealNew(Hash256 hash)
    {
        _hash = hash;
        return this;
    }

    public string? Serial => Stream == StreamKind.Pack ? Key : null;

    public string? Sscc => Stream == StreamKind.Case ? Key : null;
}
