using DrugTrace.Domain.Cases;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>
/// The query text of every filter, update, sort, projection, index and pipeline the adapter sends,
/// rendered with the registered class maps exactly as the driver does before sending. No server involved.
/// </summary>
public sealed class RenderedQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero);
    private static readonly Hash256 Prev = Hash256.FromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private const string PrevBinary = """{ "$binary" : { "base64" : "ABEiM0RVZneImaq7zN3u/wARIjNEVWZ3iJmqu8zd7v8=", "subType" : "00" } }""";

    private static readonly LedgerEvent Shipped = new()
    {
        Stream = StreamKind.Pack, Gtin = "04012345000115", Key = "SN1", Seq = 3, Type = EventType.Shipped, Actor = "4012345000016",
        To = "4012347000014", OccurredAt = Now, RecordedAt = Now, PrevHash = Prev, Hash = Hash256.Zero,
    };

    [Fact]
    public void Counters()
    {
        Assert.Equal("""{ "_id" : "log" }""", Rendered.Of(MongoQueries.Counter(MongoQueries.LogCounter)));
        Assert.Equal("""{ "$inc" : { "value" : 1001 } }""", Rendered.Of(MongoQueries.Reserve(1001)));
        Assert.Equal("""{ "$setOnInsert" : { "value" : 0 } }""", Rendered.Of(MongoQueries.CreateCounter));
    }

    [Fact]
    public void Merkle_tree_reads_are_id_ranges()
    {
        Assert.Equal("""{ "_id" : { "$gte" : 256, "$lt" : 512 } }""", Rendered.Of(MongoQueries.LogRange(256, 512)));
        Assert.Equal("""{ "hash" : 1 }""", Rendered.Of(MongoQueries.EventHashOnly));
        Assert.Equal("""{ "_id" : -1 }""", Rendered.Of(MongoQueries.LogOrderDescending));
        // Tile level 2 in the top byte: 2 << 56 = 144115188075855872.
        Assert.Equal("""{ "_id" : { "$gte" : 144115188075855872, "$lt" : 144115188075856128 } }""", Rendered.Of(MongoQueries.TreeRange(2, 0, 256)));
        Assert.Equal("""{ "_id" : 72057594037927939 }""", Rendered.Of(MongoQueries.TreeNode(1, 3)));
    }

    [Fact]
    public void Witness_records_are_replaced_only_if_still_what_was_judged()
    {
        Assert.Equal("""{ "_id" : "drugtrace.example/log" }""", Rendered.Of(MongoQueries.WitnessedLog("drugtrace.example/log")));
        Assert.Equal("""{ "_id" : "drugtrace.example/log", "treeSize" : 12, "rootHash" : """ + PrevBinary + " }",
            Rendered.Of(MongoQueries.WitnessedLogAt("drugtrace.example/log", 12, Prev.ToBytes())));
        Assert.Equal("""{ "$set" : { "treeSize" : 20, "rootHash" : """ + PrevBinary + """, "note" : "n", "updatedAt" : { "$date" : "2026-11-25T10:00:00.123Z" } } }""",
            Rendered.Of(MongoQueries.SetWitnessedCheckpoint(20, Prev.ToBytes(), "n", MongoMapping.Utc(Now))));
        Assert.Equal("""{ "_id" : 1 }""", Rendered.Of(MongoQueries.WitnessedLogOrder));
        Assert.Equal("""{ "_id" : "https://w.example/witness" }""", Rendered.Of(MongoQueries.WitnessAnswerOf("https://w.example/witness")));
        Assert.Equal("""{ "_id" : 1 }""", Rendered.Of(MongoQueries.WitnessAnswerOrder));
    }

    [Fact]
    public void Parties()
    {
        Assert.Equal("""{ "_id" : "4012345000016" }""", Rendered.Of(MongoQueries.PartyByGln("4012345000016")));
        Assert.Equal("""{ "$or" : [{ "apiKeyHash" : "abc" }, { "keys" : { "$elemMatch" : { "hash" : "abc", "revokedAt" : null } } }] }""", Rendered.Of(MongoQueries.PartyByApiKeyHash("abc")));
        Assert.Equal("""{ "_id" : "4012345000016", "keys" : { "$elemMatch" : { "id" : "k1", "revokedAt" : null } } }""", Rendered.Of(MongoQueries.PartyWithActiveKey("4012345000016", "k1")));
        Assert.Equal("""{ "$set" : { "keys.$.revokedAt" : { "$date" : "2026-03-14T00:00:00Z" } } }""", Rendered.Of(MongoQueries.RevokeMatchedKey(new DateTime(2026, 3, 14, 0, 0, 0, DateTimeKind.Utc))));
        Assert.Equal("""{ "$unset" : { "apiKeyHash" : 1 } }""", Rendered.Of(MongoQueries.RemoveLegacyKey));
        Assert.Equal("""{ "_id" : "4012345000016", "keys" : { "$not" : { "$elemMatch" : { "id" : "k2" } } } }""", Rendered.Of(MongoQueries.PartyWithoutKey("4012345000016", "k2")));
        Assert.Equal("""{ "_id" : "4012345000016", "keys" : { "$not" : { "$elemMatch" : { "id" : "KEYID" } } }, "apiKeyHash" : { "$not" : { "$type" : 2 } } }""".Replace("KEYID", IPartyStore.FirstKeyId),
            Rendered.Of(MongoQueries.PartyWithoutKey("4012345000016", IPartyStore.FirstKeyId)));
        Assert.Equal("""{ "role" : 1, "name" : 1 }""", Rendered.Of(MongoQueries.PartyOrder));
    }

    [Fact]
    public void Products_and_lots()
    {
        Assert.Equal("""{ "_id" : "04012345000115" }""", Rendered.Of(MongoQueries.ProductByGtin("04012345000115")));
        Assert.Equal("""{ "manufacturer" : "4012345000016" }""", Rendered.Of(MongoQueries.ProductsOf("4012345000016")));
        Assert.Equal("{ }", Rendered.Of(MongoQueries.ProductsOf(null)));
        Assert.Equal("""{ "name" : 1 }""", Rendered.Of(MongoQueries.ProductOrder));
        Assert.Equal("""{ "gtin" : "04012345000115", "lot" : "LOT1" }""", Rendered.Of(MongoQueries.Lot("04012345000115", "LOT1")));
        Assert.Equal("""{ "gtin" : "04012345000115", "commissioning" : null }""", Rendered.Of(MongoQueries.LotsOf("04012345000115")));
        Assert.Equal("""{ "expiry" : 1, "lot" : 1 }""", Rendered.Of(MongoQueries.LotOrder));
        Assert.Equal("""{ "_id" : 1 }""", Rendered.Of(MongoQueries.LotChainOnly));
    }

    [Fact]
    public void The_lot_head_compare_and_set()
    {
        var recall = Shipped with { Stream = StreamKind.Lot, Key = "LOT1", Seq = 1, Type = EventType.LotRecalled };
        Assert.Equal($$"""{ "gtin" : "04012345000115", "lot" : "LOT1", "headSeq" : 0, "headHash" : {{PrevBinary}} }""",
            Rendered.Of(MongoQueries.LotHead(recall)));
        var state = new LotState("04012345000115", "LOT1", new DateOnly(2029, 5, 31), "4012345000016", new ChainHead(1, Prev), Now, "Contamination");
        Assert.Equal($$"""{ "$set" : { "headSeq" : 1, "headHash" : {{PrevBinary}}, "recalledAt" : { "$date" : "2026-11-25T10:00:00.123Z" }, "recallReason" : "Contamination" } }""",
            Rendered.Of(MongoQueries.MoveLotHead(recall with { Hash = Prev }, state)));
    }

    [Fact]
    public void A_handoff_guards_the_lot_head_its_decision_read()
    {
        Assert.Equal($$"""{ "gtin" : "04012345000115", "lot" : "LOT1", "headSeq" : 0, "headHash" : {{PrevBinary}} }""",
            Rendered.Of(MongoQueries.LotStillAt("04012345000115", "LOT1", new ChainHead(0, Prev))));
        Assert.Equal("""{ "$inc" : { "handoffs" : 1 } }""", Rendered.Of(MongoQueries.GuardLot));
    }

    [Fact]
    public void The_pack_head_compare_and_set()
    {
        Assert.Equal($$"""{ "gtin" : "04012345000115", "serial" : "SN1", "headSeq" : 2, "headHash" : {{PrevBinary}} }""",
            Rendered.Of(MongoQueries.PackHead(Shipped)));
        var state = new PackState
        {
            Gtin = "04012345000115", Serial = "SN1", Lot = "LOT1", Expiry = new DateOnly(2029, 5, 31), Status = PackStatus.InTransit,
            Custodian = "4012345000016", ShipTo = "4012347000014", ChangedBy = "4012345000016", ChangedAt = Now, Head = new ChainHead(3, Prev),
        };
        Assert.Equal(
            """{ "$set" : { "status" : "InTransit", "custodian" : "4012345000016", "shipTo" : "4012347000014", "heldFrom" : null, "changedBy" : "4012345000016","""
            + $$""" "changedAt" : { "$date" : "2026-11-25T10:00:00.123Z" }, "headSeq" : 3, "headHash" : {{PrevBinary}} }, "$unset" : { "parent" : 1 } }""",
            Rendered.Of(MongoQueries.MovePackHead(Shipped with { Hash = Prev }, state)));
        // A pack packed in a case names it; out of one, the field is gone (the partial index keeps packed packs only).
        Assert.Contains(""""parent" : "340123450000000017"""",
            Rendered.Of(MongoQueries.MovePackHead(Shipped with { Hash = Prev }, state with { Parent = "340123450000000017" })));
    }

    [Fact]
    public void The_quarantined_packs()
    {
        Assert.Equal("""{ "status" : "Quarantined" }""", Rendered.Of(MongoQueries.Quarantined(null)));
        Assert.Equal("""{ "status" : "Quarantined", "changedBy" : "4012347000014" }""", Rendered.Of(MongoQueries.Quarantined("4012347000014")));
        Assert.Equal("""{ "changedAt" : -1, "_id" : -1 }""", Rendered.Of(MongoQueries.NewestChangeFirst));
    }

    [Fact]
    public void The_case_queries()
    {
        var e = Shipped with { Stream = StreamKind.Case, Gtin = "", Key = "340123450000000017" };
        Assert.Equal($$"""{ "sscc" : "340123450000000017", "headSeq" : 2, "headHash" : {{PrevBinary}} }""", Rendered.Of(MongoQueries.CaseHead(e)));
        var state = new CaseState
        {
            Sscc = "340123450000000017", Status = CaseStatus.InTransit, Custodian = "4012345000016", ShipTo = "4012347000014",
            PackedBy = "4012345000016", PackedAt = Now, ChangedBy = "4012345000016", ChangedAt = Now, Head = new ChainHead(3, Prev),
        };
        Assert.Equal(
            """{ "$set" : { "status" : "InTransit", "custodian" : "4012345000016", "shipTo" : "4012347000014", "parent" : null, "changedBy" : "4012345000016","""
            + $$""" "changedAt" : { "$date" : "2026-11-25T10:00:00.123Z" }, "headSeq" : 3, "headHash" : {{PrevBinary}} } }""",
            Rendered.Of(MongoQueries.MoveCaseHead(e with { Hash = Prev }, state)));
        Assert.Equal("""{ "sscc" : "340123450000000017" }""", Rendered.Of(MongoQueries.Case("340123450000000017")));
        Assert.Equal("""{ "parent" : "340123450000000017" }""", Rendered.Of(MongoQueries.CasesIn("340123450000000017")));
        Assert.Equal("""{ "parent" : "340123450000000017" }""", Rendered.Of(MongoQueries.PacksIn("340123450000000017")));
    }

    [Fact]
    public void The_public_recall_text()
    {
        Assert.Equal("""{ "$set" : { "publicRecallText" : "Return it." } }""", Rendered.Of(MongoQueries.SetPublicRecallText("Return it.")));
        Assert.Equal("""{ "publicRecallText" : 1 }""", Rendered.Of(MongoQueries.PublicRecallTextOnly));
    }

    [Fact]
    public void Stock_and_shipments()
    {
        Assert.Equal(
            """[{ "$match" : { "custodian" : "4012347000014", "status" : { "$in" : ["Active", "Locked", "Quarantined"] }, "heldFrom" : { "$ne" : "InTransit" }, "commissioningLot" : null } }, """
            + """{ "$group" : { "_id" : { "gtin" : "$gtin", "lot" : "$lot", "expiry" : "$expiry", "status" : "$status" }, "count" : { "$sum" : 1 } } }]""",
            Rendered.Of(MongoQueries.StockCounts("4012347000014", new StockFilter())));
        Assert.Equal(
            """[{ "$match" : { "custodian" : "4012347000014", "status" : { "$in" : ["Active", "Locked", "Quarantined"] }, "heldFrom" : { "$ne" : "InTransit" },"""
            + """ "commissioningLot" : null, "gtin" : "04012345000115", "lot" : "LOT1", "expiry" : { "$lt" : "2027-01-01" } } }, """
            + """{ "$group" : { "_id" : { "gtin" : "$gtin", "lot" : "$lot", "expiry" : "$expiry", "status" : "$status" }, "count" : { "$sum" : 1 } } }]""",
            Rendered.Of(MongoQueries.StockCounts("4012347000014", new StockFilter("04012345000115", "LOT1", new DateOnly(2027, 1, 1)))));
        Assert.Equal("""{ "status" : "InTransit", "shipTo" : "4012347000014" }""",
            Rendered.Of(MongoQueries.InTransit("4012347000014", ShipmentDirection.Incoming)));
        Assert.Equal("""{ "status" : "InTransit", "custodian" : "4012347000014" }""",
            Rendered.Of(MongoQueries.InTransit("4012347000014", ShipmentDirection.Outgoing)));
        Assert.Equal("""{ "changedAt" : 1, "_id" : 1 }""", Rendered.Of(MongoQueries.ShippedOrder));
        var row = MongoDB.Bson.BsonDocument.Parse(
            """{ "_id" : { "gtin" : "04012345000115", "lot" : "LOT1", "expiry" : "2027-06-30", "status" : "Quarantined" }, "count" : 3 }""");
        Assert.Equal(new StockCount("04012345000115", "LOT1", new DateOnly(2027, 6, 30), PackStatus.Quarantined, 3), MongoCustodyQueries.ToStockCount(row));
    }

    [Fact]
    public void Packs_and_events()
    {
        Assert.Equal("""{ "gtin" : "04012345000115", "serial" : "SN1" }""", Rendered.Of(MongoQueries.Pack("04012345000115", "SN1")));
        Assert.Equal("""{ "gtin" : "04012345000115", "lot" : "LOT1" }""", Rendered.Of(MongoQueries.PacksOfLot("04012345000115", "LOT1")));
        // An EPCIS capture reads its packs by GTIN and serial list, on the same index as one pack.
        Assert.Equal("""{ "gtin" : "04012345000115", "serial" : { "$in" : ["SN1", "SN2"] } }""", Rendered.Of(MongoQueries.PacksAmong("04012345000115", ["SN1", "SN2"])));
        Assert.Equal("""{ "_id" : 1 }""", Rendered.Of(MongoQueries.PackOrder));
        Assert.Equal("""{ "_id" : 1 }""", Rendered.Of(MongoQueries.PackChainOnly));
        Assert.Equal("""{ "chain" : 42 }""", Rendered.Of(MongoQueries.Chain(42)));
        Assert.Equal("""{ "seq" : 1 }""", Rendered.Of(MongoQueries.SeqOrder));
        Assert.Equal("""{ "_id" : 1 }""", Rendered.Of(MongoQueries.LogOrder));
    }

    [Fact]
    public void Alert_dedupe_and_lifecycle()
    {
        Assert.Equal("""{ "dedupeKey" : "k", "status" : { "$ne" : "Closed" }, "lastSeenAt" : { "$gte" : { "$date" : "2026-11-25T10:00:00.123Z" } } }""",
            Rendered.Of(MongoQueries.DedupeTarget("k", Now)));
        Assert.Equal("""{ "$inc" : { "count" : 1 }, "$set" : { "lastSeenAt" : { "$date" : "2026-11-25T10:00:00.123Z" } } }""",
            Rendered.Of(MongoQueries.Repeat(Now)));
        Assert.Equal("""{ "_id" : -1 }""", Rendered.Of(MongoQueries.NewestFirst));
        Assert.Equal("""{ "_id" : 1 }""", Rendered.Of(MongoQueries.OldestFirst));
        Assert.Equal("""{ "_id" : 5 }""", Rendered.Of(MongoQueries.AlertById(5)));
        Assert.Equal("""{ "_id" : 5, "version" : 1 }""", Rendered.Of(MongoQueries.AlertAtVersion(5, 1)));
        Assert.Equal("""{ "history" : 0 }""", Rendered.Of(MongoQueries.WithoutHistory));

        var closed = new Alert
        {
            Id = 5, Kind = AlertKind.UnknownSerial, Severity = Severity.Critical, Message = "m", Action = PackAction.Verify, ScannedCode = "c",
            ScanningParty = "p", RaisedAt = Now, LastSeenAt = Now, Status = AlertStatus.Closed, Resolution = AlertResolution.FalsePositive, Version = 2,
            History = [new AlertChange(Now, "4099999000015", AlertStatus.Closed, AlertResolution.FalsePositive, "ok")],
        };
        Assert.Equal(
            """{ "$set" : { "status" : "Closed", "resolution" : "FalsePositive", "version" : 2 }, "$push" : { "history" : """
            + """{ "at" : { "$date" : "2026-11-25T10:00:00.123Z" }, "by" : "4099999000015", "status" : "Closed", "resolution" : "FalsePositive", "note" : "ok" } } }""",
            Rendered.Of(MongoQueries.ChangeAlert(closed)));
        Assert.Equal("""{ "$set" : { "status" : "Open", "resolution" : null, "version" : 1 } }""",
            Rendered.Of(MongoQueries.ChangeAlert(closed with { Status = AlertStatus.Open, Resolution = null, Version = 1, History = [] })));
    }

    [Fact]
    public void Alert_queries()
    {
        Assert.Equal("{ }", Rendered.Of(MongoQueries.AlertQuery(new AlertQuery())));
        Assert.Equal(
            """{ "$and" : [{ "$or" : [{ "scanningParty" : "4012347000014" }, { "brandOwner" : "4012347000014" }, { "custodian" : "4012347000014" }] }, """
            + """{ "$or" : [{ "packGtin" : "04012345000115" }, { "scannedGtin" : "04012345000115" }] }] }""",
            Rendered.Of(MongoQueries.AlertQuery(new AlertQuery { VisibleTo = "4012347000014", Gtin = "04012345000115" })));
        Assert.Equal(
            """{ "status" : "Open", "kind" : "LotMismatch", "severity" : { "$gte" : 2 }, "scanningParty" : "4012347000014", "_id" : { "$gt" : 10 }, "probableScanningError" : false }""",
            Rendered.Of(MongoQueries.AlertQuery(new AlertQuery
            {
                Status = AlertStatus.Open, Kind = AlertKind.LotMismatch, MinSeverity = Severity.High, Party = "4012347000014",
                AfterId = 10, IncludeScanningErrors = false,
            })));
    }

    [Fact]
    public void Custody_exceptions_are_left_out_of_or_alone_in_a_listing()
    {
        Assert.Equal("""{ "kind" : { "$ne" : "CustodyException" } }""", Rendered.Of(MongoQueries.AlertQuery(new AlertQuery { CustodyExceptions = false })));
        Assert.Equal("""{ "kind" : "CustodyException" }""", Rendered.Of(MongoQueries.AlertQuery(new AlertQuery { CustodyExceptions = true })));
    }

    [Fact]
    public void A_packs_recent_scans_other_than_shipping_scans()
    {
        Assert.Equal(
            """{ "gtin" : "04012345000115", "serial" : "SN1", "at" : { "$gte" : { "$date" : "2026-11-25T10:00:00.123Z" } }, "action" : { "$ne" : "ship" } }""",
            Rendered.Of(MongoQueries.SightingsOfPack("04012345000115", "SN1", new DateTimeOffset(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero), "ship")));
    }

    [Fact]
    public void The_alert_change_stream_pipeline()
    {
        Assert.Equal("""[{ "$match" : { "operationType" : { "$in" : ["insert", "update", "replace"] } } }]""", Rendered.Of(MongoQueries.AlertChanges));
    }

    [Fact]
    public void Indexes_created_on_start()
    {
        Assert.Equal(
            [
                """{ "key" : { "apiKeyHash" : 1 }, "name" : "apiKeyHash_unique", "unique" : true, "partialFilterExpression" : { "apiKeyHash" : { "$type" : 2 } } }""",
                """{ "key" : { "role" : 1, "name" : 1 }, "name" : "role_name" }""",
                """{ "key" : { "keys.hash" : 1 }, "name" : "keys_hash_unique", "unique" : true, "partialFilterExpression" : { "keys.hash" : { "$type" : 2 } } }""",
            ],
            MongoQueries.PartyIndexes.Select(Rendered.Of));
        Assert.Equal(["""{ "key" : { "manufacturer" : 1, "name" : 1 }, "name" : "manufacturer_name" }"""], MongoQueries.ProductIndexes.Select(Rendered.Of));
        Assert.Equal(
            [
                """{ "key" : { "gtin" : 1, "lot" : 1 }, "name" : "gtin_lot_unique", "unique" : true }""",
                """{ "key" : { "gtin" : 1, "expiry" : 1, "lot" : 1 }, "name" : "gtin_expiry_lot" }""",
            ],
            MongoQueries.LotIndexes.Select(Rendered.Of));
        Assert.Equal(
            [
                """{ "key" : { "gtin" : 1, "serial" : 1 }, "name" : "gtin_serial_unique", "unique" : true }""",
                """{ "key" : { "gtin" : 1, "lot" : 1, "_id" : 1 }, "name" : "gtin_lot_chain" }""",
                """{ "key" : { "custodian" : 1, "status" : 1 }, "name" : "custodian_status" }""",
                """{ "key" : { "shipTo" : 1, "status" : 1 }, "name" : "shipTo_status" }""",
                """{ "key" : { "commissioningLot" : 1 }, "name" : "commissioningLot", "partialFilterExpression" : { "commissioningLot" : { "$exists" : true } } }""",
                """{ "key" : { "changedAt" : -1 }, "name" : "quarantined_changedAt", "partialFilterExpression" : { "status" : "Quarantined" } }""",
                """{ "key" : { "parent" : 1 }, "name" : "parent", "partialFilterExpression" : { "parent" : { "$exists" : true } } }""",
            ],
            MongoQueries.PackIndexes.Select(Rendered.Of));
        Assert.Equal(
            [
                """{ "key" : { "sscc" : 1 }, "name" : "sscc_unique", "unique" : true }""",
                """{ "key" : { "parent" : 1 }, "name" : "parent" }""",
            ],
            MongoQueries.CaseIndexes.Select(Rendered.Of));
        // The global log index is the events' _id: unique without an index of its own.
        Assert.Equal(
            [
                """{ "key" : { "chain" : 1, "seq" : 1 }, "name" : "chain_seq_unique", "unique" : true }""",
                """{ "key" : { "epcisId" : 1 }, "name" : "epcisId", "partialFilterExpression" : { "epcisId" : { "$exists" : true } } }""",
            ],
            MongoQueries.EventIndexes.Select(Rendered.Of));
        Assert.Equal(
            [
                """{ "key" : { "gtin" : 1, "serial" : 1 }, "name" : "gtin_serial" }""",
                """{ "key" : { "actor" : 1, "at" : -1 }, "name" : "actor_at" }""",
                """{ "key" : { "at" : -1 }, "name" : "at" }""",
            ],
            MongoQueries.ScanIndexes.Select(Rendered.Of));
        Assert.Equal(
            [
                """{ "key" : { "dedupeKey" : 1, "_id" : -1 }, "name" : "dedupeKey_id" }""",
                """{ "key" : { "scanningParty" : 1, "_id" : -1 }, "name" : "scanningParty_id" }""",
                """{ "key" : { "brandOwner" : 1, "_id" : -1 }, "name" : "brandOwner_id" }""",
                """{ "key" : { "custodian" : 1, "_id" : -1 }, "name" : "custodian_id", "partialFilterExpression" : { "custodian" : { "$exists" : true } } }""",
                """{ "key" : { "packGtin" : 1, "_id" : -1 }, "name" : "packGtin_id" }""",
                """{ "key" : { "scannedGtin" : 1, "_id" : -1 }, "name" : "scannedGtin_id" }""",
                """{ "key" : { "status" : 1, "_id" : -1 }, "name" : "status_id" }""",
            ],
            MongoQueries.AlertIndexes.Select(Rendered.Of));
    }

    [Fact]
    public void Scans_per_hour_groups_by_the_UTC_hour_since_a_time()
    {
        var since = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(
            """[{ "$match" : { "at" : { "$gte" : { "$date" : "2026-11-25T09:00:00Z" } } } }, """
            + """{ "$group" : { "_id" : { "$dateTrunc" : { "date" : "$at", "unit" : "hour" } }, "count" : { "$sum" : 1 } } }]""",
            Rendered.Of(MongoQueries.ScansPerHour(since)));
    }

    [Fact]
    public void Capture_jobs_are_found_by_id_and_the_ones_cut_off_by_a_restart_by_running_and_age()
    {
        Assert.Equal("""{ "_id" : "0a1b" }""", Rendered.Of(MongoQueries.CaptureJob("0a1b")));
        Assert.Equal("""{ "running" : true, "createdAt" : { "$lt" : { "$date" : "2026-11-25T10:00:00.123Z" } } }""",
            Rendered.Of(MongoQueries.RunningCaptureJobsBefore(Now)));
        Assert.Equal("""{ "$set" : { "running" : false, "success" : false, "errors" : [{ "event" : -1, "reason" : "cut off" }], "finishedAt" : { "$date" : "2026-11-25T10:00:00.123Z" } } }""",
            Rendered.Of(MongoQueries.AbandonCaptureJob("cut off", Now)));
        var job = new DrugTrace.Application.Epcis.CaptureJob("0a1b", "4012345000016", "proceed", 1, Now).Finished(1, [], Now);
        Assert.Equal("""{ "$set" : { "applied" : 1, "running" : false, "success" : true, "errors" : [], "finishedAt" : { "$date" : "2026-11-25T10:00:00.123Z" } } }""",
            Rendered.Of(MongoQueries.FinishCaptureJob(job)));
        Assert.Equal("""{ "running" : 1, "createdAt" : 1 }""", Rendered.Of(Assert.Single(MongoQueries.CaptureJobIndexes).Keys));
    }

    [Fact]
    public void An_EPCIS_query_by_event_ID_reads_the_stored_IDs_and_the_start_up_fills_in_the_missing_ones()
    {
        var query = new LedgerEventQuery { EventIds = ["ni:///sha-256;ab?ver=CBV2.0", "ni:///sha-256;cd?ver=CBV2.0"], Take = 2 };
        Assert.Equal(
            """{ "stream" : "Pack", "epcisId" : { "$in" : ["ni:///sha-256;ab?ver=CBV2.0", "ni:///sha-256;cd?ver=CBV2.0"] } }""",
            Rendered.Of(MongoEventQuery.Filter(query, null, new Dictionary<int, List<long>>())));
        Assert.Equal(
            """{ "stream" : "Pack", "epcisId" : { "$exists" : false }, "type" : { "$nin" : ["LotRegistered", "LotRecalled", "CasePacked", "CaseUnpacked"] } }""",
            Rendered.Of(MongoEpcisIds.Missing));
        var set = MongoEpcisIds.Set(new Documents.EventDocument { LogIndex = 41 }, "ni:///sha-256;ef?ver=CBV2.0");
        Assert.Equal("""{ "_id" : 41 }""", Rendered.Of(set.Filter));
        Assert.Equal("""{ "$set" : { "epcisId" : "ni:///sha-256;ef?ver=CBV2.0" } }""", Rendered.Of(set.Update));
    }
}
