using System.Text.Encodings.Web;
using System.Text.Json;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Tests.Epcis;

public sealed class PackEpcisEventsStepTests
{
    private const string Own = "https://drugtrace.example/voc/";
    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static PackEventFacts Facts(EventType type, string? reason = null) => new(
        type, "09506000134352", "SN1", "LOT1", new DateOnly(2029, 12, 31), "4012345000016", "4012345000016", "4012347000014",
        reason, new DateTimeOffset(2026, 3, 4, 5, 6, 7, 891, TimeSpan.Zero), new DateTimeOffset(2026, 3, 4, 5, 6, 8, TimeSpan.Zero));

    [Theory]
    [InlineData(EventType.Commissioned, null, "commissioning", "active", "ADD")]
    [InlineData(EventType.Shipped, null, "shipping", "in_transit", "OBSERVE")]
    [InlineData(EventType.Received, null, "receiving", "in_progress", "OBSERVE")]
    [InlineData(EventType.Dispensed, null, "dispensing", "dispensed", "OBSERVE")]
    [InlineData(EventType.DispenseUndone, null, Own + "BizStep-undo_dispensing", "active", "OBSERVE")]
    [InlineData(EventType.Unlocked, null, Own + "BizStep-unlocking", "active", "OBSERVE")]
    [InlineData(EventType.Quarantined, null, "holding", Own + "Disp-quarantined", "OBSERVE")]
    [InlineData(EventType.Released, null, Own + "BizStep-releasing", "", "OBSERVE")]
    [InlineData(EventType.ConfirmedIllegitimate, null, "decommissioning", Own + "Disp-illegitimate", "DELETE")]
    [InlineData(EventType.Aggregated, null, "packing", "", "ADD")]
    [InlineData(EventType.Disaggregated, null, "unpacking", "", "DELETE")]
    [InlineData(EventType.Decommissioned, "destroyed", "destroying", "destroyed", "DELETE")]
    [InlineData(EventType.Decommissioned, "stolen", "decommissioning", "stolen", "DELETE")]
    [InlineData(EventType.Decommissioned, "sample", "sampling", Own + "Disp-sample", "DELETE")]
    [InlineData(EventType.Decommissioned, "free-sample", "decommissioning", Own + "Disp-free_sample", "DELETE")]
    [InlineData(EventType.Decommissioned, "exported", "decommissioning", Own + "Disp-exported", "DELETE")]
    [InlineData(EventType.Decommissioned, " Locked ", "decommissioning", Own + "Disp-locked", "OBSERVE")]
    public void Each_pack_event_has_its_CBV_step_disposition_and_action(EventType type, string? reason, string step, string disposition, string action)
    {
        Assert.Equal((step, disposition, action), PackEpcisEvents.StepOf(type, reason));
        var ev = PackEpcisEvents.ToEpcisEvent(Facts(type, reason) with
        {
            From = type == EventType.Disaggregated ? "340123450000000017" : "4012345000016",
            To = type == EventType.Aggregated ? "340123450000000017" : "4012347000014",
        });
        Assert.Equal(step, (string?)ev["bizStep"]);
        Assert.Equal(action, (string?)ev["action"]);
        if (disposition.Length == 0) Assert.False(ev.ContainsKey("disposition"));
        else Assert.Equal(disposition, (string?)ev["disposition"]);
    }

    [Theory]
    [InlineData(EventType.LotRegistered)]
    [InlineData(EventType.LotRecalled)]
    [InlineData(EventType.CasePacked)]
    [InlineData(EventType.CaseUnpacked)]
    public void A_lot_or_case_event_is_not_a_pack_event(EventType type)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PackEpcisEvents.StepOf(type, null));
        Assert.Equal("type", e.ParamName);
        Assert.StartsWith("Not a pack event.", e.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("lost")]
    public void A_decommissioning_for_an_unknown_reason_is_refused_naming_it(string? reason)
    {
        var e = Assert.Throws<ArgumentException>(() => PackEpcisEvents.StepOf(EventType.Decommissioned, reason));
        Assert.Equal("reason", e.ParamName);
        Assert.StartsWith($"Unknown decommission reason '{reason}'.", e.Message);
    }

    [Theory]
    [InlineData(DecommissionReason.Sample, "sample")]
    [InlineData(DecommissionReason.FreeSample, "free_sample")]
    [InlineData(DecommissionReason.Exported, "exported")]
    [InlineData(DecommissionReason.Locked, "locked")]
    public void Reasons_CBV_has_no_word_for_get_DrugTrace_dispositions(DecommissionReason reason, string name) =>
        Assert.Equal(name, PackEpcisEvents.DispositionName(reason));

    [Theory]
    [InlineData(DecommissionReason.Destroyed)]
    [InlineData(DecommissionReason.Stolen)]
    public void Reasons_CBV_has_a_word_for_have_no_DrugTrace_disposition(DecommissionReason reason)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PackEpcisEvents.DispositionName(reason));
        Assert.Equal("reason", e.ParamName);
        Assert.StartsWith("CBV has a disposition for this one.", e.Message);
    }

    [Fact]
    public void A_shipment_is_written_field_by_field_with_its_owning_parties_and_locations()
    {
        var ev = PackEpcisEvents.ToEpcisEvent(Facts(EventType.Shipped));
        var id = (string?)ev["eventID"];
        ev.Remove("eventID");
        Assert.Equal(
            """{"type":"ObjectEvent","eventTime":"2026-03-04T05:06:07.891Z","recordTime":"2026-03-04T05:06:08.000Z","eventTimeZoneOffset":"+00:00","epcList":["https://id.gs1.org/01/09506000134352/21/SN1"],"action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","readPoint":{"id":"https://id.gs1.org/414/4012345000016"},"bizLocation":{"id":"https://id.gs1.org/414/4012345000016"},"sourceList":[{"type":"owning_party","source":"https://id.gs1.org/417/4012345000016"},{"type":"location","source":"https://id.gs1.org/414/4012345000016"}],"destinationList":[{"type":"owning_party","destination":"https://id.gs1.org/417/4012347000014"},{"type":"location","destination":"https://id.gs1.org/414/4012347000014"}]}""",
            ev.ToJsonString(Plain));
        Assert.StartsWith("ni:///sha-256;", id);
    }

    [Fact]
    public void A_commissioning_carries_lot_and_expiry_as_ILMD_and_no_parties()
    {
        var ev = PackEpcisEvents.ToEpcisEvent(Facts(EventType.Commissioned));
        ev.Remove("eventID");
        Assert.Equal(
            """{"type":"ObjectEvent","eventTime":"2026-03-04T05:06:07.891Z","recordTime":"2026-03-04T05:06:08.000Z","eventTimeZoneOffset":"+00:00","epcList":["https://id.gs1.org/01/09506000134352/21/SN1"],"action":"ADD","bizStep":"commissioning","disposition":"active","readPoint":{"id":"https://id.gs1.org/414/4012345000016"},"bizLocation":{"id":"https://id.gs1.org/414/4012345000016"},"ilmd":{"cbvmda:lotNumber":"LOT1","cbvmda:itemExpirationDate":"2029-12-31"}}""",
            ev.ToJsonString(Plain));
    }

    [Theory]
    [InlineData(EventType.Received)]
    [InlineData(EventType.Dispensed)]
    public void Only_a_handoff_with_both_parties_lists_sources_and_destinations(EventType type)
    {
        var received = PackEpcisEvents.ToEpcisEvent(Facts(type));
        Assert.Equal(type == EventType.Received, received.ContainsKey("sourceList"));
        Assert.Equal(type == EventType.Received, received.ContainsKey("destinationList"));
        Assert.False(received.ContainsKey("ilmd"));
        Assert.False(PackEpcisEvents.ToEpcisEvent(Facts(type) with { To = null }).ContainsKey("sourceList"));
        Assert.False(PackEpcisEvents.ToEpcisEvent(Facts(type) with { From = null }).ContainsKey("destinationList"));
    }

    [Fact]
    public void A_packing_is_written_field_by_field_without_a_disposition()
    {
        var ev = PackEpcisEvents.ToEpcisEvent(Facts(EventType.Aggregated) with { From = null, To = "340123450000000017" });
        ev.Remove("eventID");
        Assert.Equal(
            """{"type":"AggregationEvent","eventTime":"2026-03-04T05:06:07.891Z","recordTime":"2026-03-04T05:06:08.000Z","eventTimeZoneOffset":"+00:00","parentID":"https://id.gs1.org/00/340123450000000017","childEPCs":["https://id.gs1.org/01/09506000134352/21/SN1"],"action":"ADD","bizStep":"packing","readPoint":{"id":"https://id.gs1.org/414/4012345000016"},"bizLocation":{"id":"https://id.gs1.org/414/4012345000016"}}""",
            ev.ToJsonString(Plain));
    }

    [Fact]
    public void A_packing_without_its_case_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => PackEpcisEvents.ToEpcisEvent(Facts(EventType.Aggregated) with { To = null }));
        Assert.StartsWith("A Aggregated event names its case.", e.Message);
        Assert.Throws<ArgumentException>(() => PackEpcisEvents.EventId(Facts(EventType.Disaggregated) with { From = null }));
    }

    [Fact]
    public void Only_a_pack_event_of_a_pack_chain_has_an_event_ID()
    {
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        LedgerEvent Event(StreamKind stream, EventType type) => new()
        {
            Stream = stream, Gtin = "09506000134352", Key = "SN1", Seq = 1, Type = type, Actor = "4012345000016",
            From = "4012345000016", To = "4012347000014", Lot = "LOT1", Expiry = new DateOnly(2029, 12, 31),
            OccurredAt = at, RecordedAt = at, PrevHash = Hash256.Zero,
        };
        var facts = Facts(EventType.Commissioned) with { OccurredAt = at, RecordedAt = at };
        Assert.Equal(PackEpcisEvents.EventId(facts), PackEpcisEvents.EventId(Event(StreamKind.Pack, EventType.Commissioned)));
        // A commissioning read back without its lot and expiry hashes them as empty and 0001-01-01.
        Assert.Equal(PackEpcisEvents.EventId(facts with { Lot = "", Expiry = default }),
            PackEpcisEvents.EventId(Event(StreamKind.Pack, EventType.Commissioned) with { Lot = null, Expiry = null }));
        Assert.NotEqual(PackEpcisEvents.EventId(facts), PackEpcisEvents.EventId(facts with { Lot = "" }));
        Assert.Null(PackEpcisEvents.EventId(Event(StreamKind.Lot, EventType.Shipped)));
        Assert.Null(PackEpcisEvents.EventId(Event(StreamKind.Case, EventType.Shipped)));
        Assert.Null(PackEpcisEvents.EventId(Event(StreamKind.Pack, EventType.LotRegistered)));
        Assert.Null(PackEpcisEvents.EventId(Event(StreamKind.Pack, EventType.LotRecalled)));
        Assert.Null(PackEpcisEvents.EventId(Event(StreamKind.Pack, EventType.CasePacked)));
        Assert.Null(PackEpcisEvents.EventId(Event(StreamKind.Pack, EventType.CaseUnpacked)));
    }
}
