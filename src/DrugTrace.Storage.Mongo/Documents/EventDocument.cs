namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>
/// One ledger event in the <c>events</c> collection. <c>_id</c> is the global log index (gap-free,
/// allocated from <c>counters</c> in the transaction that inserts the event); <c>chain</c> names the
/// pack's or lot's chain (see <see cref="PackDocument.Chain"/>).
/// </summary>
internal sealed class EventDocument
{
    public long LogIndex { get; set; }
    public long Chain { get; set; }
    public int Seq { get; set; }
    /// <summary>The <see cref="Domain.Ledger.StreamKind"/> name.</summary>
    public string Stream { get; set; } = "";
    public string Gtin { get; set; } = "";
    public string Key { get; set; } = "";
    /// <summary>The <see cref="Domain.Ledger.EventType"/> name, as hashed.</summary>
    public string Type { get; set; } = "";
    public string Actor { get; set; } = "";
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Reason { get; set; }
    public string? Lot { get; set; }
    /// <summary>yyyy-MM-dd.</summary>
    public string? Expiry { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime RecordedAt { get; set; }
    public byte[] PrevHash { get; set; } = [];
    public byte[] Hash { get; set; } = [];
    /// <summary>A pack event's EPCIS event hash ID (CBV 2.0), for lookups by eventID; derived, not hashed. Absent on lot and case events.</summary>
    public string? EpcisId { get; set; }
}
