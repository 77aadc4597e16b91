using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Packs;
using DrugTrace.Storage.Mongo.Documents;

namespace DrugTrace.Storage.Mongo;

internal static partial class MongoMapping
{
    public static LotDocument ToDocument(LotState lot, long chain) => new()
    {
        Chain = chain,
        Gtin = lot.Gtin,
        Lot = lot.Lot,
        Expiry = Date(lot.Expiry),
        Manufacturer = lot.Manufacturer,
        HeadSeq = lot.Head.Seq,
        HeadHash = Bytes(lot.Head.Hash),
        RecalledAt = lot.RecalledAt is { } at ? Utc(at) : null,
        RecallReason = lot.RecallReason,
    };

    public static LotState ToLot(LotDocument d) => new(
        d.Gtin, d.Lot, Date(d.Expiry), d.Manufacturer, new ChainHead(d.HeadSeq, Hash(d.HeadHash)),
        d.RecalledAt is { } at ? Time(at) : null, d.RecallReason);

    /// <summary>A freshly commissioned pack: the state its commissioning event makes (active at its manufacturer, its head that event).</summary>
    public static PackDocument ToCommissionedPack(LedgerEvent commissioned, long chain) => ToDocument(PackLifecycle.Apply(null, commissioned), chain);

    public static PackDocument ToDocument(PackState p, long chain) => new()
    {
        Chain = chain,
        Gtin = p.Gtin,
        Serial = p.Serial,
        Lot = p.Lot,
        Expiry = Date(p.Expiry),
        Status = p.Status.ToString(),
        Custodian = p.Custodian,
        ShipTo = p.ShipTo,
        HeldFrom = p.HeldFrom?.ToString(),
        Parent = p.Parent,
        ChangedBy = p.ChangedBy,
        ChangedAt = Utc(p.ChangedAt),
        HeadSeq = p.Head.Seq,
        HeadHash = Bytes(p.Head.Hash),
    };

    public static PackState ToPack(PackDocument d) => new()
    {
        Gtin = d.Gtin,
        Serial = d.Serial,
        Lot = d.Lot,
        Expiry = Date(d.Expiry),
        Status = StoredEnum.Parse<PackStatus>(d.Status, "pack status"),
        Custodian = d.Custodian,
        ShipTo = d.ShipTo,
        HeldFrom = StoredEnum.ParseNullable<PackStatus>(d.HeldFrom, "held-from status"),
        Parent = d.Parent,
        ChangedBy = d.ChangedBy,
        ChangedAt = Time(d.ChangedAt),
        Head = new ChainHead(d.HeadSeq, Hash(d.HeadHash)),
    };

    public static CaseDocument ToDocument(CaseState c, long chain) => new()
    {
        Chain = chain,
        Sscc = c.Sscc,
        Status = c.Status.ToString(),
        Custodian = c.Custodian,
        ShipTo = c.ShipTo,
        Parent = c.Parent,
        PackedBy = c.PackedBy,
        PackedAt = Utc(c.PackedAt),
        ChangedBy = c.ChangedBy,
        ChangedAt = Utc(c.ChangedAt),
        HeadSeq = c.Head.Seq,
        HeadHash = Bytes(c.Head.Hash),
    };

    public static CaseState ToCase(CaseDocument d) => new()
    {
        Sscc = d.Sscc,
        Status = StoredEnum.Parse<CaseStatus>(d.Status, "case status"),
        Custodian = d.Custodian,
        ShipTo = d.ShipTo,
        Parent = d.Parent,
        PackedBy = d.PackedBy,
        PackedAt = Time(d.PackedAt),
        ChangedBy = d.ChangedBy,
        ChangedAt = Time(d.ChangedAt),
        Head = new ChainHead(d.HeadSeq, Hash(d.HeadHash)),
    };

    public static EventDocument ToDocument(LedgerEvent e, long logIndex, long chain) => new()
    {
        LogIndex = logIndex,
        Chain = chain,
        Seq = e.Seq,
        Stream = e.Stream.ToString(),
        Gtin = e.Gtin,
        Key = e.Key,
        Type = e.Type.ToString(),
        Actor = e.Actor,
        From = e.From,
        To = e.To,
        Reason = e.Reason,
        Lot = e.Lot,
        Expiry = NullableDate(e.Expiry),
        OccurredAt = Utc(e.OccurredAt),
        RecordedAt = Utc(e.RecordedAt),
        PrevHash = Bytes(e.PrevHash),
        Hash = Bytes(e.Hash),
        EpcisId = PackEpcisEvents.EventId(e),
    };

    public static LedgerEvent ToEvent(EventDocument d) => new()
    {
        Stream = Enum.TryParse<StreamKind>(d.Stream, out var stream) ? stream : (StreamKind)(-1),
        Gtin = d.Gtin,
        Key = d.Key,
        Seq = d.Seq,
        // An edited type name is reported by the audit's hash check; it must not stop the audit here.
        Type = Enum.TryParse<EventType>(d.Type, out var type) ? type : (EventType)(-1),
        Actor = d.Actor,
        From = d.From,
        To = d.To,
        Reason = d.Reason,
        Lot = d.Lot,
        Expiry = NullableDate(d.Expiry),
        OccurredAt = Time(d.OccurredAt),
        RecordedAt = Time(d.RecordedAt),
        PrevHash = d.PrevHash.Length == Hash256.Size ? Hash(d.PrevHash) : Hash256.Zero,
        Hash = d.Hash.Length == Hash256.Size ? Hash(d.Hash) : Hash256.Zero,
    };

    public static StoredEvent ToStoredEvent(EventDocument d) => new(d.LogIndex, ToEvent(d));
}
