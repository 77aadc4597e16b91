using DrugTrace.Domain.Epcis;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;
using DrugTrace.Storage.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>
/// Every stored type goes domain -> document -> BSON bytes -> document -> domain and comes back equal,
/// with the element names and BSON types pinned for the ones whose layout matters (hashes binary,
/// times UTC dates to the millisecond, GUIDs standard subtype 4). No server involved.
/// </summary>
public sealed class BsonRoundTripTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero);
    private static readonly Hash256 SomeHash = Hash256.FromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    static BsonRoundTripTests() => MongoClassMaps.Register();

    [Fact]
    public void A_Data_Protection_key_is_stored_by_its_name_with_its_XML()
    {
        var xml = System.Xml.Linq.XElement.Parse("<key id=\"1b2c\" version=\"1\"><creationDate>2026-01-01T00:00:00Z</creationDate></key>");
        var back = RoundTrip(MongoXmlRepository.ToDocument(xml, "key-1b2c"), out var bson);
        Assert.Equal("key-1b2c", bson["_id"].AsString);
        Assert.Equal(xml.ToString(System.Xml.Linq.SaveOptions.DisableFormatting), bson["xml"].AsString);
        Assert.Equal("1b2c", System.Xml.Linq.XElement.Parse(back.Xml).Attribute("id")!.Value);
    }

    private static T RoundTrip<T>(T document, out BsonDocument bson)
    {
        bson = document.ToBsonDocument();
        var bytes = document.ToBson();
        return BsonSerializer.Deserialize<T>(bytes);
    }

    [Fact]
    public void A_party_round_trips_with_its_first_key_and_company_prefixes()
    {
        var party = new Party("4012345000016", "Maker", PartyRole.Manufacturer);
        var created = new DateTime(2026, 3, 14, 9, 26, 53, DateTimeKind.Utc);
        var back = RoundTrip(MongoMapping.ToDocument(party, "hash", ["4012345"], created), out var bson);
        Assert.Equal(party, MongoMapping.ToParty(back));
        Assert.Null(back.ApiKeyHash);
        var key = Assert.Single(back.Keys);
        Assert.Equal(("k1", "hash", created, (DateTime?)null), (key.Id, key.Hash, key.CreatedAt, key.RevokedAt));
        Assert.Equal(["4012345"], back.CompanyPrefixes);
        Assert.Equal("""{ "_id" : "4012345000016", "name" : "Maker", "role" : "Manufacturer", "keys" : [{ "id" : "k1", "hash" : "hash", "createdAt" : { "$date" : "2026-03-14T09:26:53Z" }, "revokedAt" : null }], "companyPrefixes" : ["4012345"] }""", Rendered.Text(bson));
    }

    [Fact]
    public void A_party_stored_before_key_rotation_lists_its_key_as_k1()
    {
        var legacy = new PartyDocument { Gln = "4012345000016", Name = "Maker", Role = "Manufacturer", ApiKeyHash = "old" };
        var back = RoundTrip(legacy, out _);
        Assert.Equal(["k1"], MongoMapping.ToKeys(back).Select(k => k.Id));
        Assert.Empty(back.Keys);
    }

    [Fact]
    public void A_product_round_trips_with_its_nulls()
    {
        var product = new Product("05012345000121", "Metformin", "tablet", null, "4012345000016");
        var back = RoundTrip(MongoMapping.ToDocument(product), out var bson);
        Assert.Equal(product, MongoMapping.ToProduct(back));
        Assert.Equal(BsonNull.Value, bson["strength"]);
    }

    [Fact]
    public void A_lot_round_trips_recalled_or_not()
    {
        var lot = new LotState("04012345000115", "LOT1", new DateOnly(2029, 5, 31), "4012345000016", new ChainHead(1, SomeHash), Now, "Contamination");
        var back = RoundTrip(MongoMapping.ToDocument(lot, 17), out var bson);
        Assert.Equal(lot, MongoMapping.ToLot(back));
        Assert.Equal(17, back.Chain);
        Assert.Equal(BsonType.DateTime, bson["recalledAt"].BsonType);
        Assert.Equal("2029-05-31", bson["expiry"].AsString);

        var fresh = lot with { RecalledAt = null, RecallReason = null };
        Assert.Equal(fresh, MongoMapping.ToLot(RoundTrip(MongoMapping.ToDocument(fresh, 17), out _)));
    }

    [Fact]
    public void A_pack_head_round_trips()
    {
        var pack = new PackState
        {
            Gtin = "04012345000115", Serial = "SN1", Lot = "LOT1", Expiry = new DateOnly(2029, 5, 31), Status = PackStatus.InTransit,
            Custodian = "4012345000016", ShipTo = "4012347000014", ChangedBy = "4012345000016", ChangedAt = Now, Head = new ChainHead(1, SomeHash),
        };
        var back = RoundTrip(MongoMapping.ToDocument(pack, 42), out var bson);
        Assert.Equal(pack, MongoMapping.ToPack(back));
        Assert.Equal(
            """{ "_id" : 42, "gtin" : "04012345000115", "serial" : "SN1", "lot" : "LOT1", "expiry" : "2029-05-31", "status" : "InTransit","""
            + """ "custodian" : "4012345000016", "shipTo" : "4012347000014", "changedBy" : "4012345000016", "changedAt" : { "$date" : "2026-11-25T10:00:00.123Z" },"""
            + """ "headSeq" : 1, "headHash" : { "$binary" : { "base64" : "ABEiM0RVZneImaq7zN3u/wARIjNEVWZ3iJmqu8zd7v8=", "subType" : "00" } } }""",
            Rendered.Text(bson));
    }

    [Fact]
    public void A_packed_pack_names_its_case_and_a_case_head_round_trips()
    {
        var pack = new PackState
        {
            Gtin = "04012345000115", Serial = "SN1", Lot = "LOT1", Expiry = new DateOnly(2029, 5, 31), Status = PackStatus.Active,
            Custodian = "4012345000016", ChangedBy = "4012345000016", ChangedAt = Now, Head = new ChainHead(1, SomeHash), Parent = "340123450000000017",
        };
        var backPack = RoundTrip(MongoMapping.ToDocument(pack, 42), out var packBson);
        Assert.Equal(pack, MongoMapping.ToPack(backPack));
        Assert.Contains("\"parent\" : \"340123450000000017\"", Rendered.Text(packBson));

        var c = new CaseState
        {
            Sscc = "340123450000000017", Status = CaseStatus.InTransit, Custodian = "4012345000016", ShipTo = "4012347000014",
            Parent = "340123450000000024", PackedBy = "4012345000016", PackedAt = Now.AddHours(-1), ChangedBy = "4012345000016", ChangedAt = Now,
            Head = new ChainHead(2, SomeHash),
        };
        var back = RoundTrip(MongoMapping.ToDocument(c, 7), out var bson);
        Assert.Equal(c, MongoMapping.ToCase(back));
        Assert.Equal(
            """{ "_id" : 7, "sscc" : "340123450000000017", "status" : "InTransit", "custodian" : "4012345000016", "shipTo" : "4012347000014","""
            + """ "parent" : "340123450000000024", "packedBy" : "4012345000016", "packedAt" : { "$date" : "2026-11-25T09:00:00.123Z" },"""
            + """ "changedBy" : "4012345000016", "changedAt" : { "$date" : "2026-11-25T10:00:00.123Z" },"""
            + """ "headSeq" : 2, "headHash" : { "$binary" : { "base64" : "ABEiM0RVZneImaq7zN3u/wARIjNEVWZ3iJmqu8zd7v8=", "subType" : "00" } } }""",
            Rendered.Text(bson));
        // A status name this version does not know fails that document alone, with a clear error.
        back.Status = "Sealed";
        Assert.Throws<UnreadableDocumentException>(() => MongoMapping.ToCase(back));
    }

    [Fact]
    public void A_quarantined_pack_keeps_the_status_its_release_goes_back_to()
    {
        var pack = new PackState
        {
            Gtin = "04012345000115", Serial = "SN1", Lot = "LOT1", Expiry = new DateOnly(2029, 5, 31), Status = PackStatus.Quarantined,
            HeldFrom = PackStatus.InTransit, Custodian = "4012345000016", ShipTo = "4012347000014", ChangedBy = "4012347000014",
            ChangedAt = Now, Head = new ChainHead(2, SomeHash),
        };
        var back = RoundTrip(MongoMapping.ToDocument(pack, 42), out var bson);
        Assert.Equal(pack, MongoMapping.ToPack(back));
        Assert.Contains("\"status\" : \"Quarantined\"", Rendered.Text(bson));
        Assert.Contains("\"heldFrom\" : \"InTransit\"", Rendered.Text(bson));
    }

    [Fact]
    public void A_commissioned_pack_is_the_state_its_commissioning_event_makes()
    {
        var e = EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Pack, Gtin = "04012345000115", Key = "SN1", Seq = 0, Type = EventType.Commissioned, Actor = "4012345000016",
            Lot = "LOT1", Expiry = new DateOnly(2029, 5, 31), OccurredAt = Now, RecordedAt = Now.AddSeconds(1), PrevHash = Hash256.Zero,
        });

        var back = RoundTrip(MongoMapping.ToCommissionedPack(e, 42), out var bson);

        Assert.Equal(new PackState
        {
            Gtin = "04012345000115", Serial = "SN1", Lot = "LOT1", Expiry = new DateOnly(2029, 5, 31), Status = PackStatus.Active,
            Custodian = "4012345000016", ChangedBy = "4012345000016", ChangedAt = Now, Head = new ChainHead(0, e.Hash),
        }, MongoMapping.ToPack(back));
        Assert.Equal(42, back.Chain);
        Assert.Equal(["_id", "gtin", "serial", "lot", "expiry", "status", "custodian", "shipTo", "changedBy", "changedAt", "headSeq", "headHash"], bson.Names);
        Assert.True(bson["shipTo"].IsBsonNull);
    }

    [Fact]
    public void An_event_round_trips_and_still_hashes_the_same()
    {
        var e = EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Pack, Gtin = "04012345000115", Key = "SN1", Seq = 0, Type = EventType.Commissioned, Actor = "4012345000016",
            Lot = "LOT1", Expiry = new DateOnly(2029, 5, 31), OccurredAt = Now, RecordedAt = Now.AddSeconds(1), PrevHash = Hash256.Zero,
        });
        var back = RoundTrip(MongoMapping.ToDocument(e, 7, 7), out var bson);
        var stored = MongoMapping.ToStoredEvent(back);
        Assert.Equal(7, stored.LogIndex);
        Assert.Equal(e, stored.Event);
        Assert.Equal(e.Hash, EventHasher.ComputeHash(stored.Event));
        Assert.Equal(["_id", "chain", "seq", "stream", "gtin", "key", "type", "actor", "from", "to", "reason", "lot", "expiry",
            "occurredAt", "recordedAt", "prevHash", "hash", "epcisId"], bson.Names);
        // The EPCIS event hash ID the export gives the event, kept for lookups by eventID; a lot's event has none.
        Assert.Equal(PackEpcisEvents.EventId(e), bson["epcisId"].AsString);
        Assert.StartsWith("ni:///sha-256;", bson["epcisId"].AsString);
        RoundTrip(MongoMapping.ToDocument(e with { Stream = StreamKind.Lot, Type = EventType.LotRegistered, Key = "LOT1" }, 8, 9), out var lotBson);
        Assert.False(lotBson.Contains("epcisId"));
        Assert.Equal(BsonType.Int64, bson["_id"].BsonType);
        Assert.Equal(BsonType.Binary, bson["hash"].BsonType);
        Assert.Equal("Commissioned", bson["type"].AsString);
    }

    [Fact]
    public void An_edited_event_type_reads_back_for_the_audit_to_report()
    {
        var doc = new EventDocument { Stream = "Pack", Type = "Teleported", Gtin = "g", Key = "k", Actor = "a", PrevHash = new byte[32], Hash = new byte[32] };
        var e = MongoMapping.ToEvent(RoundTrip(doc, out _));
        Assert.False(Enum.IsDefined(e.Type));
    }

    [Fact]
    public void Times_are_stored_as_UTC_to_the_millisecond_whatever_the_offset()
    {
        var local = new DateTimeOffset(2026, 11, 25, 11, 0, 0, 123, TimeSpan.FromHours(1)).AddTicks(4567);
        var scan = new ScanRecord(local, "4012347000014", "verify", "(01)x", null, null, "ok", null);
        var back = RoundTrip(MongoMapping.ToDocument(scan, Guid.CreateVersion7(local)), out var bson);
        Assert.Equal(DateTimeKind.Utc, back.At.Kind);
        Assert.Equal(Now, MongoMapping.ToScan(back).At);
        Assert.Equal("""{ "$date" : "2026-11-25T10:00:00.123Z" }""", Rendered.Text(bson["at"]));
    }

    [Fact]
    public void A_scan_round_trips_with_a_standard_GUID_id()
    {
        var scan = new ScanRecord(Now, "4012347000014", "dispense", "(01)04012345000115(21)SN1", "04012345000115", "SN1", "dispensed", "3,4");
        var id = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        var back = RoundTrip(MongoMapping.ToDocument(scan, id), out var bson);
        Assert.Equal(scan, MongoMapping.ToScan(back));
        Assert.Equal(id, back.Id);
        var binary = bson["_id"].AsBsonBinaryData;
        Assert.Equal(BsonBinarySubType.UuidStandard, binary.SubType);
        Assert.Equal(Convert.FromHexString("0193a1b2c3d47e5f8a9b0c1d2e3f4a5b"), binary.Bytes);
    }

    [Fact]
    public void An_alert_round_trips_with_its_history()
    {
        var alert = new Alert
        {
            Id = 12, Kind = AlertKind.LotMismatch, Severity = Severity.Critical, ReasonCode = "NMVS_FE_LOT_13", Message = "Lot differs", Action = PackAction.Dispense,
            ScannedCode = "(01)04012345000115(10)LOT2(21)SN1", ScannedGtin = "04012345000115", ScannedSerial = "SN1", ScannedLot = "LOT2",
            ScannedExpiry = new DateOnly(2029, 5, 31), PackGtin = "04012345000115", PackSerial = "SN1", ScanningParty = "4012347000014",
            BrandOwner = "4012345000016", ProbableScanningError = true, RaisedAt = Now, LastSeenAt = Now.AddMinutes(5), Count = 3,
            Status = AlertStatus.Closed, Resolution = AlertResolution.ScanningError, Version = 2,
            History =
            [
                new AlertChange(Now.AddMinutes(6), "4099999000015", AlertStatus.Investigating, null, "looking"),
                new AlertChange(Now.AddMinutes(7), "4099999000015", AlertStatus.Closed, AlertResolution.ScanningError, null),
            ],
        };
        var back = RoundTrip(MongoMapping.ToDocument(alert, 12), out var bson);
        var mapped = MongoMapping.ToAlert(back);
        Assert.Equal(alert.History, mapped.History);
        Assert.Equal(alert with { History = [] }, mapped with { History = [] });
        Assert.Equal(alert.DedupeKey, bson["dedupeKey"].AsString);
        Assert.Equal(3, bson["severity"].AsInt32);
        Assert.Equal("ScanningError", bson["history"][1]["resolution"].AsString);
    }

    [Fact]
    public void Scan_and_alert_actions_are_stored_as_their_words_and_an_unknown_word_fails_that_document_alone()
    {
        var scan = MongoMapping.ToDocument(new ScanRecord(Now, "4012347000014", PackAction.UndoDispense, "c", null, null, "ok", null), Guid.CreateVersion7(Now));
        Assert.Equal("undo-dispense", scan.ToBsonDocument()["action"].AsString);
        Assert.Equal(PackAction.UndoDispense, MongoMapping.ToScan(scan).Action.Value);

        Alert Raised(AlertAction action) => new()
        {
            Kind = AlertKind.IntegrityViolation, Severity = Severity.Critical, Message = "m", Action = action, ScannedCode = "c",
            ScanningParty = "p", RaisedAt = Now, LastSeenAt = Now,
        };
        var undo = MongoMapping.ToDocument(Raised(PackAction.UndoDispense), 1);
        var audit = MongoMapping.ToDocument(Raised(AlertAction.Audit), 2);
        Assert.Equal(("undo-dispense", "audit"), (undo.ToBsonDocument()["action"].AsString, audit.ToBsonDocument()["action"].AsString));
        Assert.Equal(PackAction.UndoDispense, MongoMapping.ToAlert(undo).Action.Scan);
        Assert.True(MongoMapping.ToAlert(audit).Action.IsAudit);

        audit.Action = "teleport";
        Assert.Contains("'teleport'", Assert.Throws<UnreadableDocumentException>(() => MongoMapping.ToAlert(audit)).Message);
        scan.Action = "teleport";
        Assert.Contains("scan action 'teleport'", Assert.Throws<UnreadableDocumentException>(() => MongoMapping.ToScan(scan)).Message);
    }

    [Fact]
    public void An_alert_read_without_its_history_has_an_empty_one()
    {
        var bson = MongoMapping.ToDocument(new Alert
        {
            Kind = AlertKind.UnknownSerial, Severity = Severity.Critical, Message = "m", Action = PackAction.Verify, ScannedCode = "c",
            ScanningParty = "p", RaisedAt = Now, LastSeenAt = Now,
        }, 1).ToBsonDocument();
        bson.Remove("history");
        Assert.Empty(MongoMapping.ToAlert(BsonSerializer.Deserialize<AlertDocument>(bson)).History);
    }

    [Fact]
    public void Counters_and_checkpoints_round_trip()
    {
        var counter = RoundTrip(new CounterDocument { Name = "log", Value = 1_000_001 }, out var counterBson);
        Assert.Equal(("log", 1_000_001L), (counter.Name, counter.Value));
        Assert.Equal("""{ "_id" : "log", "value" : 1000001 }""", Rendered.Text(counterBson));

        const string note = "drugtrace.example/log\n8\nAAAA\n\n\u2014 drugtrace.example/log AAAAAA==\n";
        var checkpoint = RoundTrip(new CheckpointDocument { TreeSize = 8, RootHash = SomeHash.ToBytes(), CreatedAt = MongoMapping.Utc(Now), Note = note }, out var cpBson);
        Assert.Equal(8, checkpoint.TreeSize);
        Assert.Equal(SomeHash, MongoMapping.Hash(checkpoint.RootHash));
        Assert.Equal(Now, MongoMapping.Time(checkpoint.CreatedAt));
        Assert.Equal(note, checkpoint.Note);
        Assert.Equal(8, cpBson["_id"].AsInt64);
        Assert.Equal(note, cpBson["note"].AsString);

        var node = RoundTrip(new TreeNodeDocument { Id = TreeNodeDocument.Key(1, 5), Hash = SomeHash.ToBytes() }, out var nodeBson);
        Assert.Equal((TreeNodeDocument.Key(1, 5), SomeHash), (node.Id, MongoMapping.Hash(node.Hash)));
        Assert.Equal((1L << 56) | 5, nodeBson["_id"].AsInt64);
    }

    [Fact]
    public void Witness_documents_round_trip_through_the_class_maps()
    {
        var witnessed = new WitnessedCheckpoint("drugtrace.example/log", 12, SomeHash, "note\n", Now);
        var back = RoundTrip(MongoWitnessStore.ToDocument(witnessed), out var bson);
        Assert.Equal(witnessed, MongoWitnessStore.Map(back));
        Assert.Equal("drugtrace.example/log", bson["_id"].AsString);
        Assert.Equal(12, bson["treeSize"].AsInt64);
        Assert.Equal(["_id", "treeSize", "rootHash", "note", "updatedAt"], bson.Names);

        var answer = new WitnessAnswer("https://w.example/witness", "w.example/witness", 20, 409, "holds 20", Now);
        var answerBack = RoundTrip(MongoWitnessAnswers.ToDocument(answer), out var answerBson);
        Assert.Equal(answer, MongoWitnessAnswers.Map(answerBack));
        Assert.Equal("https://w.example/witness", answerBson["_id"].AsString);
        Assert.Equal(409, answerBson["status"].AsInt32);
    }

    [Fact]
    public void A_field_added_by_a_newer_version_is_read_past()
    {
        // A rolling upgrade or a second instance on a newer build adds fields; older instances must still read.
        var bson = new CounterDocument { Name = "log", Value = 1 }.ToBsonDocument();
        bson.Add("extra", 1);
        var back = BsonSerializer.Deserialize<CounterDocument>(bson);
        Assert.Equal(("log", 1L), (back.Name, back.Value));
    }

    [Fact]
    public void A_user_round_trips_under_its_lower_case_key()
    {
        var user = new UserDocument { Key = MongoQueries.UserKey(" Linden "), UserName = "Linden", DisplayName = "Anna", PartyGln = "4012347000014", PasswordHash = "h" };
        var back = RoundTrip(user, out var bson);
        Assert.Equal("""{ "_id" : "linden", "userName" : "Linden", "displayName" : "Anna", "partyGln" : "4012347000014", "passwordHash" : "h" }""", Rendered.Text(bson));
        Assert.Equal(("linden", "Linden", "h"), (back.Key, back.UserName, back.PasswordHash));
        Assert.Equal("""{ "_id" : "linden" }""", Rendered.Of(MongoQueries.UserByName("LINDEN")));
    }

    [Fact]
    public void A_capture_job_round_trips_with_its_errors_by_event()
    {
        var job = new DrugTrace.Application.Epcis.CaptureJob("0a1b", "4012345000016", "rollback", 3, Now)
            .Finished(1, [new(0, "ni:///sha-256;00?ver=CBV2.0", "Refused."), new(2, null, "Not applied.")], Now.AddSeconds(2));
        var back = RoundTrip(MongoMapping.ToDocument(job), out var bson);
        var read = MongoMapping.ToCaptureJob(back);
        Assert.Equal(job with { Errors = [] }, read with { Errors = [] });
        Assert.Equal(job.Errors, read.Errors);
        Assert.Equal("0a1b", bson["_id"].AsString);
        Assert.Equal(BsonType.DateTime, bson["createdAt"].BsonType);
        Assert.Equal(["event", "eventID", "reason"], bson["errors"][0].AsBsonDocument.Names);
        Assert.Equal(["event", "reason"], bson["errors"][1].AsBsonDocument.Names);
    }
}
