using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Every stored document type, mapped field by field: element names are spelled out here (no
/// AutoMap, no conventions), times are BSON dates read back as UTC, hashes are binary, GUIDs use
/// the standard representation (subtype 4). Unknown fields are ignored (see <see cref="Map{T}"/>);
/// an unknown enum name is a clear <see cref="UnreadableDocumentException"/> from <see cref="StoredEnum"/>.
/// The driver's class map registry is process-wide, so registration runs once.
/// </summary>
internal static class MongoClassMaps
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static readonly IBsonSerializer<DateTime> Utc = new DateTimeSerializer(DateTimeKind.Utc);
    public static readonly IBsonSerializer<DateTime?> NullableUtc = new NullableSerializer<DateTime>(new DateTimeSerializer(DateTimeKind.Utc));
    public static readonly IBsonSerializer<Guid> StandardGuid = new GuidSerializer(GuidRepresentation.Standard);

    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            // For any Guid the driver meets outside these maps (a filter on a Guid value, say).
            BsonSerializer.TryRegisterSerializer(StandardGuid);

            Map<PartyDocument>(cm =>
            {
                cm.MapIdMember(d => d.Gln);
                cm.MapMember(d => d.Name).SetElementName("name");
                cm.MapMember(d => d.Role).SetElementName("role");
                cm.MapMember(d => d.ApiKeyHash).SetElementName("apiKeyHash").SetIgnoreIfNull(true);
                cm.MapMember(d => d.Keys).SetElementName("keys");
                cm.MapMember(d => d.CompanyPrefixes).SetElementName("companyPrefixes");
            });
            Map<PartyKeyDocument>(cm =>
            {
                cm.MapMember(d => d.Id).SetElementName("id");
                cm.MapMember(d => d.Hash).SetElementName("hash");
                cm.MapMember(d => d.CreatedAt).SetElementName("createdAt").SetSerializer(Utc);
                cm.MapMember(d => d.RevokedAt).SetElementName("revokedAt").SetSerializer(NullableUtc);
            });
            Map<DataProtectionKeyDocument>(cm =>
            {
                cm.MapIdMember(d => d.Id);
                cm.MapMember(d => d.Xml).SetElementName("xml");
            });
            Map<UserDocument>(cm =>
            {
                cm.MapIdMember(d => d.Key);
                cm.MapMember(d => d.UserName).SetElementName("userName");
                cm.MapMember(d => d.DisplayName).SetElementName("displayName");
                cm.MapMember(d => d.PartyGln).SetElementName("partyGln");
                cm.MapMember(d => d.PasswordHash).SetElementName("passwordHash");
                cm.MapMember(d => d.FailedSignIns).SetElementName("failedSignIns").SetDefaultValue(0).SetIgnoreIfDefault(true);
                cm.MapMember(d => d.LockedUntil).SetElementName("lockedUntil").SetSerializer(NullableUtc).SetIgnoreIfNull(true);
            });
            Map<IdempotencyDocument>(cm =>
            {
                cm.MapIdMember(d => d.Id);
                cm.MapMember(d => d.Actor).SetElementName("actor");
                cm.MapMember(d => d.Key).SetElementName("key");
                cm.MapMember(d => d.RequestHash).SetElementName("requestHash");
                cm.MapMember(d => d.Answer).SetElementName("answer");
                cm.MapMember(d => d.CreatedAt).SetElementName("createdAt").SetSerializer(Utc);
                cm.MapMember(d => d.ExpiresAt).SetElementName("expiresAt").SetSerializer(Utc);
                cm.MapMember(d => d.CompletedAt).SetElementName("completedAt").SetSerializer(NullableUtc).SetIgnoreIfNull(true);
            });
            Map<ProductDocument>(cm =>
            {
                cm.MapIdMember(d => d.Gtin);
                cm.MapMember(d => d.Name).SetElementName("name");
                cm.MapMember(d => d.Form).SetElementName("form");
                cm.MapMember(d => d.Strength).SetElementName("strength");
                cm.MapMember(d => d.Manufacturer).SetElementName("manufacturer");
            });
            Map<LotDocument>(cm =>
            {
                cm.MapIdMember(d => d.Chain);
                cm.MapMember(d => d.Gtin).SetElementName("gtin");
                cm.MapMember(d => d.Lot).SetElementName("lot");
                cm.MapMember(d => d.Expiry).SetElementName("expiry");
                cm.MapMember(d => d.Manufacturer).SetElementName("manufacturer");
                cm.MapMember(d => d.HeadSeq).SetElementName("headSeq");
                cm.MapMember(d => d.HeadHash).SetElementName("headHash");
                cm.MapMember(d => d.RecalledAt).SetElementName("recalledAt").SetSerializer(NullableUtc);
                cm.MapMember(d => d.RecallReason).SetElementName("recallReason");
                cm.MapMember(d => d.PublicRecallText).SetElementName("publicRecallText").SetIgnoreIfNull(true);
                // Absent on lots stored before the handoff guard: read as 0.
                cm.MapMember(d => d.Handoffs).SetElementName("handoffs").SetIsRequired(false);
                cm.MapMember(d => d.Commissioning).SetElementName("commissioning").SetIgnoreIfNull(true);
            });
            Map<PackDocument>(cm =>
            {
                cm.MapIdMember(d => d.Chain);
                cm.MapMember(d => d.Gtin).SetElementName("gtin");
                cm.MapMember(d => d.Serial).SetElementName("serial");
                cm.MapMember(d => d.Lot).SetElementName("lot");
                cm.MapMember(d => d.Expiry).SetElementName("expiry");
                cm.MapMember(d => d.Status).SetElementName("status");
                cm.MapMember(d => d.Custodian).SetElementName("custodian");
                cm.MapMember(d => d.ShipTo).SetElementName("shipTo");
                cm.MapMember(d => d.HeldFrom).SetElementName("heldFrom").SetIgnoreIfNull(true);
                // Absent on packs never packed in a case.
                cm.MapMember(d => d.Parent).SetElementName("parent").SetIgnoreIfNull(true);
                cm.MapMember(d => d.ChangedBy).SetElementName("changedBy");
                cm.MapMember(d => d.ChangedAt).SetElementName("changedAt").SetSerializer(Utc);
                cm.MapMember(d => d.HeadSeq).SetElementName("headSeq");
                cm.MapMember(d => d.HeadHash).SetElementName("headHash");
                cm.MapMember(d => d.CommissioningLot).SetElementName("commissioningLot").SetIgnoreIfNull(true);
            });
            Map<CaseDocument>(cm =>
            {
                cm.MapIdMember(d => d.Chain);
                cm.MapMember(d => d.Sscc).SetElementName("sscc");
                cm.MapMember(d => d.Status).SetElementName("status");
                cm.MapMember(d => d.Custodian).SetElementName("custodian");
                cm.MapMember(d => d.ShipTo).SetElementName("shipTo");
                cm.MapMember(d => d.Parent).SetElementName("parent");
                cm.MapMember(d => d.PackedBy).SetElementName("packedBy");
                cm.MapMember(d => d.PackedAt).SetElementName("packedAt").SetSerializer(Utc);
                cm.MapMember(d => d.ChangedBy).SetElementName("changedBy");
                cm.MapMember(d => d.ChangedAt).SetElementName("changedAt").SetSerializer(Utc);
                cm.MapMember(d => d.HeadSeq).SetElementName("headSeq");
                cm.MapMember(d => d.HeadHash).SetElementName("headHash");
            });
            Map<EventDocument>(cm =>
            {
                cm.MapIdMember(d => d.LogIndex);
                cm.MapMember(d => d.Chain).SetElementName("chain");
                cm.MapMember(d => d.Seq).SetElementName("seq");
                cm.MapMember(d => d.Stream).SetElementName("stream");
                cm.MapMember(d => d.Gtin).SetElementName("gtin");
                cm.MapMember(d => d.Key).SetElementName("key");
                cm.MapMember(d => d.Type).SetElementName("type");
                cm.MapMember(d => d.Actor).SetElementName("actor");
                cm.MapMember(d => d.From).SetElementName("from");
                cm.MapMember(d => d.To).SetElementName("to");
                cm.MapMember(d => d.Reason).SetElementName("reason");
                cm.MapMember(d => d.Lot).SetElementName("lot");
                cm.MapMember(d => d.Expiry).SetElementName("expiry");
                cm.MapMember(d => d.OccurredAt).SetElementName("occurredAt").SetSerializer(Utc);
                cm.MapMember(d => d.RecordedAt).SetElementName("recordedAt").SetSerializer(Utc);
                cm.MapMember(d => d.PrevHash).SetElementName("prevHash");
                cm.MapMember(d => d.Hash).SetElementName("hash");
                cm.MapMember(d => d.EpcisId).SetElementName("epcisId").SetIgnoreIfNull(true);
            });
            Map<CaptureJobDocument>(cm =>
            {
                cm.MapIdMember(d => d.Id);
                cm.MapMember(d => d.Owner).SetElementName("owner");
                cm.MapMember(d => d.Behaviour).SetElementName("behaviour");
                cm.MapMember(d => d.Events).SetElementName("events");
                cm.MapMember(d => d.Applied).SetElementName("applied");
                cm.MapMember(d => d.Running).SetElementName("running");
                cm.MapMember(d => d.Success).SetElementName("success");
                cm.MapMember(d => d.Errors).SetElementName("errors");
                cm.MapMember(d => d.CreatedAt).SetElementName("createdAt").SetSerializer(Utc);
                cm.MapMember(d => d.FinishedAt).SetElementName("finishedAt").SetSerializer(NullableUtc);
            });
            Map<CaptureErrorDocument>(cm =>
            {
                cm.MapMember(d => d.Event).SetElementName("event");
                cm.MapMember(d => d.EventId).SetElementName("eventID").SetIgnoreIfNull(true);
                cm.MapMember(d => d.Reason).SetElementName("reason");
            });
            Map<ScanDocument>(cm =>
            {
                cm.MapIdMember(d => d.Id).SetSerializer(StandardGuid);
                cm.MapMember(d => d.At).SetElementName("at").SetSerializer(Utc);
                cm.MapMember(d => d.Actor).SetElementName("actor");
                cm.MapMember(d => d.Action).SetElementName("action");
                cm.MapMember(d => d.Code).SetElementName("code");
                cm.MapMember(d => d.Gtin).SetElementName("gtin");
                cm.MapMember(d => d.Serial).SetElementName("serial");
                cm.MapMember(d => d.Verdict).SetElementName("verdict");
                cm.MapMember(d => d.Alerts).SetElementName("alerts");
            });
            Map<AlertChangeDocument>(cm =>
            {
                cm.MapMember(d => d.At).SetElementName("at").SetSerializer(Utc);
                cm.MapMember(d => d.By).SetElementName("by");
                cm.MapMember(d => d.Status).SetElementName("status");
                cm.MapMember(d => d.Resolution).SetElementName("resolution");
                cm.MapMember(d => d.Note).SetElementName("note");
            });
            Map<AlertDocument>(cm =>
            {
                cm.MapIdMember(d => d.Id);
                cm.MapMember(d => d.Kind).SetElementName("kind");
                cm.MapMember(d => d.Severity).SetElementName("severity");
                cm.MapMember(d => d.ReasonCode).SetElementName("reasonCode");
                cm.MapMember(d => d.Message).SetElementName("message");
                cm.MapMember(d => d.Action).SetElementName("action");
                cm.MapMember(d => d.ScannedCode).SetElementName("scannedCode");
                cm.MapMember(d => d.ScannedGtin).SetElementName("scannedGtin");
                cm.MapMember(d => d.ScannedSerial).SetElementName("scannedSerial");
                cm.MapMember(d => d.ScannedLot).SetElementName("scannedLot");
                cm.MapMember(d => d.ScannedExpiry).SetElementName("scannedExpiry");
                cm.MapMember(d => d.PackGtin).SetElementName("packGtin");
                cm.MapMember(d => d.PackSerial).SetElementName("packSerial");
                cm.MapMember(d => d.ScanningParty).SetElementName("scanningParty");
                cm.MapMember(d => d.BrandOwner).SetElementName("brandOwner");
                cm.MapMember(d => d.Custodian).SetElementName("custodian").SetIgnoreIfNull(true);
                cm.MapMember(d => d.ProbableScanningError).SetElementName("probableScanningError");
                cm.MapMember(d => d.RaisedAt).SetElementName("raisedAt").SetSerializer(Utc);
                cm.MapMember(d => d.LastSeenAt).SetElementName("lastSeenAt").SetSerializer(Utc);
                cm.MapMember(d => d.Count).SetElementName("count");
                cm.MapMember(d => d.Status).SetElementName("status");
                cm.MapMember(d => d.Resolution).SetElementName("resolution");
                cm.MapMember(d => d.Version).SetElementName("version");
                cm.MapMember(d => d.DedupeKey).SetElementName("dedupeKey");
                // Absent when a query projects the history out: the list then stays empty.
                cm.MapMember(d => d.History).SetElementName("history").SetIsRequired(false);
            });
            Map<CounterDocument>(cm =>
            {
                cm.MapIdMember(d => d.Name);
                cm.MapMember(d => d.Value).SetElementName("value");
            });
            Map<TreeNodeDocument>(cm =>
            {
                cm.MapIdMember(d => d.Id);
                cm.MapMember(d => d.Hash).SetElementName("hash");
            });
            Map<CheckpointDocument>(cm =>
            {
                cm.MapIdMember(d => d.TreeSize);
                cm.MapMember(d => d.RootHash).SetElementName("rootHash");
                cm.MapMember(d => d.CreatedAt).SetElementName("createdAt").SetSerializer(Utc);
                cm.MapMember(d => d.Note).SetElementName("note");
            });
            Map<WitnessedLogDocument>(cm =>
            {
                cm.MapIdMember(d => d.Origin);
                cm.MapMember(d => d.TreeSize).SetElementName("treeSize");
                cm.MapMember(d => d.RootHash).SetElementName("rootHash");
                cm.MapMember(d => d.Note).SetElementName("note");
                cm.MapMember(d => d.UpdatedAt).SetElementName("updatedAt").SetSerializer(Utc);
            });
            Map<WitnessAnswerDocument>(cm =>
            {
                cm.MapIdMember(d => d.Url);
                cm.MapMember(d => d.Name).SetElementName("name");
                cm.MapMember(d => d.TreeSize).SetElementName("treeSize");
                cm.MapMember(d => d.Status).SetElementName("status");
                cm.MapMember(d => d.Detail).SetElementName("detail");
                cm.MapMember(d => d.At).SetElementName("at").SetSerializer(Utc);
            });
            _registered = true;
        }
    }

    private static void Map<T>(Action<BsonClassMap<T>> map)
    {
        var classMap = new BsonClassMap<T>(map);
        // A field this version does not know was added by a newer one (a rolling upgrade, a second
        // instance): read the document without it rather than refuse it, and never poison the change stream.
        classMap.SetIgnoreExtraElements(true);
        BsonClassMap.TryRegisterClassMap(classMap);
    }
}
