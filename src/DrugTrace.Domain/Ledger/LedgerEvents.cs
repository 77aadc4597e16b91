namespace DrugTrace.Domain.Ledger;

/// <summary>Makes sealed events: the first of a chain, or the one that follows a head.</summary>
public static class LedgerEvents
{
    /// <summary>Seq 0 of a chain (a commissioned pack, a registered lot): states its lot and expiry.</summary>
    public static LedgerEvent First(StreamKind stream, string gtin, string key, EventType type, string actor, string lot, DateOnly expiry, DateTimeOffset now) =>
        Sealed(new LedgerEvent
        {
            Stream = stream,
            Gtin = gtin,
            Key = key,
            Seq = 0,
            Type = type,
            Actor = actor,
            Lot = lot,
            Expiry = expiry,
            OccurredAt = now,
            RecordedAt = now,
            PrevHash = Hash256.Zero,
        });

    private static LedgerEvent Sealed(LedgerEvent e) => e.SealNew(EventHasher.ComputeHash(e));

    /// <summary>The event after <paramref name="head"/> in the same chain.</summary>
    public static LedgerEvent Next(
        ChainHead head, StreamKind stream, string gtin, string key, EventType type, string actor, DateTimeOffset now,
        string? from = null, string? to = null, string? reason = null, DateTimeOffset? occurredAt = null) =>
        Sealed(new LedgerEvent
        {
            Stream = stream,
            Gtin = gtin,
            Key = key,
            Seq = head.Seq + 1,
            Type = type,
            Actor = actor,
            From = from,
            To = to,
            Reason = reason,
            OccurredAt = occurredAt is { } at ? EventHasher.TruncateToMilliseconds(at) : now,
            RecordedAt = now,
            PrevHash = head.Hash,
        });
}
