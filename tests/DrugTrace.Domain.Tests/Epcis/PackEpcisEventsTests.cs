using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Tests.Epcis;

public sealed class PackEpcisEventsTests
{
    private static PackEventFacts Facts(EventType type, string? reason = null) => new(
        type, "09506000134352", "SN/1", "LOT1", new DateOnly(2029, 12, 31), "4012345000016", "4012345000016", "4012347000014",
        reason, new DateTimeOffset(2026, 3, 4, 5, 6, 7, 891, TimeSpan.Zero), new DateTimeOffset(2026, 3, 4, 5, 6, 8, TimeSpan.Zero));

    [Fact]
    public void Every_pack_event_type_has_a_step_and_an_event_ID_that_is_its_hash()
    {
        foreach (var type in Enum.GetValues<EventType>().Where(t => t is not (EventType.LotRegistered or EventType.LotRecalled or EventType.CasePacked or EventType.CaseUnpacked)))
        {
            var ev = PackEpcisEvents.ToEpcisEvent(Facts(type, type == EventType.Decommissioned ? "destroyed" : null));
            Assert.False(string.IsNullOrEmpty((string?)ev["bizStep"]), type.ToString());
            Assert.Equal((string?)ev["eventID"], EventHashId.Compute(ev));
            Assert.Equal("https://id.gs1.org/01/09506000134352/21/SN%2F1", (string?)(ev["epcList"] ?? ev["childEPCs"])![0]);
            Assert.Equal("2026-03-04T05:06:07.891Z", (string?)ev["eventTime"]);
        }
    }

    [Fact]
    public void The_event_ID_depends_on_what_happened_not_on_when_it_was_recorded()
    {
        var a = PackEpcisEvents.ToEpcisEvent(Facts(EventType.Shipped));
        var b = PackEpcisEvents.ToEpcisEvent(Facts(EventType.Shipped) with { RecordedAt = DateTimeOffset.UnixEpoch });
        var c = PackEpcisEvents.ToEpcisEvent(Facts(EventType.Shipped) with { To = "5012347000013" });
        Assert.Equal((string?)a["eventID"], (string?)b["eventID"]);
        Assert.NotEqual((string?)a["eventID"], (string?)c["eventID"]);
    }

    [Fact]
    public void Packing_into_and_unpacking_from_a_case_are_aggregation_events_with_the_case_as_parent()
    {
        const string sscc = "340123450000000017";
        var packed = PackEpcisEvents.ToEpcisEvent(Facts(EventType.Aggregated) with { From = null, To = sscc });
        var unpacked = PackEpcisEvents.ToEpcisEvent(Facts(EventType.Disaggregated) with { From = sscc, To = null });
        foreach (var (ev, action, step) in new[] { (packed, "ADD", "packing"), (unpacked, "DELETE", "unpacking") })
        {
            Assert.Equal("AggregationEvent", (string?)ev["type"]);
            Assert.Equal("https://id.gs1.org/00/" + sscc, (string?)ev["parentID"]);
            Assert.Equal(["https://id.gs1.org/01/09506000134352/21/SN%2F1"], ev["childEPCs"]!.AsArray().Select(c => (string)c!));
            Assert.Equal((action, step), ((string)ev["action"]!, (string)ev["bizStep"]!));
            Assert.Null(ev["epcList"]);
            Assert.Contains($"parentID=https://id.gs1.org/00/{sscc}childEPCsepc=https://id.gs1.org/01/09506000134352/21/SN%2F1action={action}", EventHashId.PreHash(ev));
        }
        Assert.NotEqual((string?)packed["eventID"], (string?)PackEpcisEvents.ToEpcisEvent(Facts(EventType.Aggregated) with { To = "340123450000000024" })["eventID"]);
    }

    [Theory]
    [InlineData("SN/1", "LOT1")]
    [InlineData("00123", "000450")]
    [InlineData("1.50", "-7")]
    [InlineData("a%2Fb c", "L\"&'()*+,-.:;<=>?_")]
    [InlineData("Ünï", "ü")]
    public void The_event_ID_computed_from_the_values_is_the_hash_of_the_event_written(string serial, string lot)
    {
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 891, TimeSpan.Zero).AddTicks(6789);
        foreach (var type in Enum.GetValues<EventType>().Where(t => t is not (EventType.LotRegistered or EventType.LotRecalled or EventType.CasePacked or EventType.CaseUnpacked)))
        {
            var facts = Facts(type, type == EventType.Decommissioned ? "sample" : null) with
            {
                Serial = serial, Lot = lot, OccurredAt = at,
                From = type == EventType.Disaggregated ? "340123450000000017" : "4012345000016",
                To = type == EventType.Aggregated ? "340123450000000017" : "4012347000014",
            };
            var ev = PackEpcisEvents.ToEpcisEvent(facts);
            Assert.True(EventHashId.Compute(ev) == (string?)ev["eventID"], $"{type}: {EventHashId.PreHash(ev)}");
            Assert.Equal(PackEpcisEvents.EventId(facts), (string?)ev["eventID"]);
        }
        // A handoff without its parties (an event read back without them) still hashes as written.
        var bare = PackEpcisEvents.ToEpcisEvent(Facts(EventType.Shipped) with { From = null, Serial = serial });
        Assert.Equal(EventHashId.Compute(bare), (string?)bare["eventID"]);
    }

    [Fact]
    public void The_event_IDs_of_a_run_of_events_are_each_event_s_own()
    {
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 891, TimeSpan.Zero);
        LedgerEvent Pack(string serial, string lot = "LOT1", DateTimeOffset? when = null, string actor = "4012345000016") =>
            LedgerEvents.First(StreamKind.Pack, "09506000134352", serial, EventType.Commissioned, actor, lot, new DateOnly(2029, 12, 31), when ?? at);
        var shipped = LedgerEvents.Next(new ChainHead(0, Pack("S1").Hash), StreamKind.Pack, "09506000134352", "S1", EventType.Shipped,
            "4012345000016", at, "4012345000016", "4012347000014");
        var lotEvent = LedgerEvents.First(StreamKind.Lot, "09506000134352", "LOT1", EventType.LotRegistered, "4012345000016", "LOT1",
            new DateOnly(2029, 12, 31), at);
        // Alike runs, and every field the ID is made of changed between neighbours (an escaped serial, another lot, time, actor).
        LedgerEvent[] events =
        [
            lotEvent, Pack("S1"), Pack("SN/2"), Pack("Ünï"), Pack("S3", lot: "LOT2"), Pack("S4", lot: "LOT2"), Pack("S5", when: at.AddMilliseconds(1)),
            shipped, Pack("S6", actor: "4012347000014"), Pack(new string('x', 300)), Pack("S7"),
        ];
        Assert.Equal(events.Select(PackEpcisEvents.EventId), PackEpcisEvents.EventIds(events));
    }

    private static IEnumerable<PackEventFacts> EveryPackEvent(string serial) =>
        Enum.GetValues<EventType>().Where(t => t is not (EventType.LotRegistered or EventType.LotRecalled or EventType.CasePacked or EventType.CaseUnpacked))
            .Select(type => Facts(type, type == EventType.Decommissioned ? "destroyed" : null) with
            {
                Serial = serial,
                From = type == EventType.Disaggregated ? "340123450000000017" : "4012345000016",
                To = type == EventType.Aggregated ? "340123450000000017" : "4012347000014",
            });

    [Fact]
    public void Packs_of_one_GTIN_whose_serials_are_dot_segments_each_get_event_IDs_of_their_own()
    {
        LedgerEvent Commissioned(string serial) => LedgerEvents.First(StreamKind.Pack, "09506000134352", serial, EventType.Commissioned,
            "4012345000016", "LOT1", new DateOnly(2029, 12, 31), new DateTimeOffset(2026, 3, 4, 5, 6, 7, 891, TimeSpan.Zero));
        var packs = EpcUrisSerialTests.Tricky.Select(Commissioned).ToList();
        var ids = PackEpcisEvents.EventIds(packs);

        Assert.Equal(packs.Select(PackEpcisEvents.EventId), ids);
        Assert.Empty(ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key));
        var dot = PackEpcisEvents.ToEpcisEvent(PackEpcisEvents.Facts(Commissioned("."), "LOT1", new DateOnly(2029, 12, 31)));
        Assert.Equal("https://id.gs1.org/01/09506000134352/21/%2E", (string?)dot["epcList"]![0]);
        Assert.Contains("epcListepc=https://id.gs1.org/01/09506000134352/21/%2Eaction=ADD", EventHashId.PreHash(dot));
        // Every kind of event, not only commissioning, tells the two apart and hashes as written.
        foreach (var (a, b) in EveryPackEvent(".").Zip(EveryPackEvent("..")))
        {
            Assert.NotEqual(PackEpcisEvents.EventId(a), PackEpcisEvents.EventId(b));
            Assert.Equal(EventHashId.Compute(PackEpcisEvents.ToEpcisEvent(b)), PackEpcisEvents.EventId(b));
        }
    }

    [Fact]
    public void The_event_IDs_of_packs_whose_serials_are_not_dot_segments_are_the_ones_already_stored()
    {
        // One digest of the IDs of every kind of event of every such serial, as computed before dot segments were kept:
        // stored epcis_id values and IDs other systems hold stay valid.
        var ids = EpcUrisSerialTests.Tricky.Where(s => s is not ("." or "..")).SelectMany(EveryPackEvent).Select(PackEpcisEvents.EventId);
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', ids))));
        Assert.Equal("c7b52f0f04119fc2b9436d24edcb7b1ce614f83b95ee79d8287de616c981255b", digest);
    }
}
