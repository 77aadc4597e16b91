using DrugTrace.Application.Common.Wire;
using System.Globalization;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;
using DrugTrace.Storage.Mongo.Documents;

namespace DrugTrace.Storage.Mongo;

/// <summary>Domain records to stored documents and back. Times are stored to the millisecond in UTC, as they are hashed.</summary>
internal static class MongoMapping
{
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? NullableDate(string? text) => text is null ? null : Date(text);

    public static string? NullableDate(DateOnly? d) => d is { } v ? Date(v) : null;

    /// <summary>UTC, truncated to the millisecond: what a BSON date holds.</summary>
    public static DateTime Utc(DateTimeOffset t) => DateTime.UnixEpoch.AddMilliseconds(t.ToUnixTimeMilliseconds());

    public static DateTimeOffset Time(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static byte[] Bytes(Hash256 hash) => hash.ToBytes();

    public static Hash256 Hash(byte[] bytes) => Hash256.FromBytes(bytes);

    public static PartyDocument ToDocument(Party party, string? apiKeyHash, IReadOnlyList<string>? companyPrefixes = null, DateTime? createdAt = null) => new()
    {
        Gln = party.Gln,
        Name = party.Name,
        Role = party.Role.ToString(),
        Keys = apiKeyHash is null ? [] : [new PartyKeyDocument { Id = IPartyStore.FirstKeyId, Hash = apiKeyHash, CreatedAt = createdAt ?? DateTime.UnixEpoch }],
        CompanyPrefixes = [.. companyPrefixes ?? []],
    };

    /// <summary>A party's keys; a key stored before rotation existed (<c>apiKeyHash</c>) is listed as "k1".</summary>
    public static IReadOnlyList<PartyKey> ToKeys(PartyDocument d) =>
    [
        .. d.ApiKeyHash is null ? [] : new[] { new PartyKey(IPartyStore.FirstKeyId, DateTimeOffset.UnixEpoch, null) },
        .. d.Keys.Select(k => new PartyKey(k.Id, new DateTimeOffset(k.CreatedAt, TimeSpan.Zero),
            k.RevokedAt is { } r ? new DateTimeOffset(r, TimeSpan.Zero) : null)),
    ];

    public static Party ToParty(PartyDocument d) => new(d.Gln, d.Name, StoredEnum.Parse<PartyRole>(d.Role, "party role"));

    public static ProductDocument ToDocument(Product p) =>
        new() { Gtin = p.Gtin, Name = p.Name, Form = p.Form, Strength = p.Strength, Manufacturer = p.Manufacturer };

    public static Product ToProduct(ProductDocument d) => new(d.Gtin, d.Name, d.Form, d.Strength, d.Manufacturer);

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

    /// <summary>A freshly commissioned pack: active at its manufacturer, its head the commissioning event.</summary>
    public static PackDocument ToCommissionedPack(LotState lot, LedgerEvent commissioned, long chain) => new()
    {
        Chain = chain,
        Gtin = lot.Gtin,
        Serial = commissioned.Key,
        Lot = lot.Lot,
        Expiry = Date(lot.Expiry),
        Status = PackStatus.Active.ToString(),
        Custodian = commissioned.Actor,
        ShipTo = null,
        ChangedBy = commissioned.Actor,
        ChangedAt = Utc(commissioned.OccurredAt),
        HeadSeq = commissioned.Seq,
        HeadHash = Bytes(commissioned.Hash),
    };

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

    public static ScanDocument ToDocument(ScanRecord s, Guid id) => new()
    {
        Id = id,
        At = Utc(s.At),
        Actor = s.Actor,
        Action = s.Action.Name,
        Code = s.Code,
        Gtin = s.Gtin,
        Serial = s.Serial,
        Verdict = s.Verdict,
        Alerts = s.Alerts,
    };

    public static ScanRecord ToScan(ScanDocument d) =>
        new(Time(d.At), d.Actor, StoredWord.Parse<PackAction>(d.Action, "scan action"), d.Code, d.Gtin, d.Serial, d.Verdict, d.Alerts);

    public static CaptureJobDocument ToDocument(Application.Epcis.CaptureJob j) => new()
    {
        Id = j.CaptureID,
        Owner = j.Owner,
        Behaviour = j.CaptureErrorBehaviour,
        Events = j.Events,
        Applied = j.Applied,
        Running = j.Running,
        Success = j.Success,
        Errors = ToDocuments(j.Errors),
        CreatedAt = Utc(j.CreatedAt),
        FinishedAt = j.FinishedAt is { } f ? Utc(f) : null,
    };

    public static List<CaptureErrorDocument> ToDocuments(IReadOnlyList<Application.Epcis.CaptureRefusal> errors) =>
        [.. errors.Select(e => new CaptureErrorDocument { Event = e.Event, EventId = e.EventID, Reason = e.Reason })];

    public static Application.Epcis.CaptureJob ToCaptureJob(CaptureJobDocument d) => new(
        d.Id, d.Owner, d.Behaviour, d.Events, Time(d.CreatedAt), Running: d.Running, Success: d.Success, Applied: d.Applied,
        Errors: [.. d.Errors.Select(e => new Application.Epcis.CaptureRefusal(e.Event, e.EventId, e.Reason))],
        FinishedAt: d.FinishedAt is { } f ? Time(f) : null);

    public static AlertDocument ToDocument(Alert a, long id) => new()
    {
        Id = id,
        Kind = a.Kind.ToString(),
        Severity = (int)a.Severity,
        ReasonCode = a.ReasonCode,
        Message = a.Message,
        Action = AlertActionNames.Name(a.Action),
        ScannedCode = a.ScannedCode,
        ScannedGtin = a.ScannedGtin,
        ScannedSerial = a.ScannedSerial,
        ScannedLot = a.ScannedLot,
        ScannedExpiry = NullableDate(a.ScannedExpiry),
        PackGtin = a.PackGtin,
        PackSerial = a.PackSerial,
        ScanningParty = a.ScanningParty,
        BrandOwner = a.BrandOwner,
        Custodian = a.Custodian,
        ProbableScanningError = a.ProbableScanningError,
        RaisedAt = Utc(a.RaisedAt),
        LastSeenAt = Utc(a.LastSeenAt),
        Count = a.Count,
        Status = a.Status.ToString(),
        Resolution = a.Resolution?.ToString(),
        Version = a.Version,
        DedupeKey = a.DedupeKey,
        History = [.. a.History.Select(ToDocument)],
    };

    public static Alert ToAlert(AlertDocument d) => new()
    {
        Id = d.Id,
        Kind = StoredEnum.Parse<AlertKind>(d.Kind, "alert kind"),
        Severity = (Severity)d.Severity,
        ReasonCode = d.ReasonCode,
        Message = d.Message,
        Action = StoredWord.AlertAction(d.Action),
        ScannedCode = d.ScannedCode,
        ScannedGtin = d.ScannedGtin,
        ScannedSerial = d.ScannedSerial,
        ScannedLot = d.ScannedLot,
        ScannedExpiry = NullableDate(d.ScannedExpiry),
        PackGtin = d.PackGtin,
        PackSerial = d.PackSerial,
        ScanningParty = d.ScanningParty,
        BrandOwner = d.BrandOwner,
        Custodian = d.Custodian,
        ProbableScanningError = d.ProbableScanningError,
        RaisedAt = Time(d.RaisedAt),
        LastSeenAt = Time(d.LastSeenAt),
        Count = d.Count,
        Status = StoredEnum.Parse<AlertStatus>(d.Status, "alert status"),
        Resolution = StoredEnum.ParseNullable<AlertResolution>(d.Resolution, "alert resolution"),
        Version = d.Version,
        History = [.. d.History.Select(ToChange)],
    };

    public static AlertChangeDocument ToDocument(AlertChange c) => new()
    {
        At = Utc(c.At),
        By = c.By,
        Status = c.Status.ToString(),
        Resolution = c.Resolution?.ToString(),
        Note = c.Note,
    };

    public static AlertChange ToChange(AlertChangeDocument d) =>
        new(Time(d.At), d.By, StoredEnum.Parse<AlertStatus>(d.Status, "alert status"), StoredEnum.ParseNullable<AlertResolution>(d.Resolution, "alert resolution"), d.Note);
}
