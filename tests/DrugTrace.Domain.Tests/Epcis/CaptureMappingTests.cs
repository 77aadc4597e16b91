using System.Text.Json.Nodes;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Tests.Epcis;

/// <summary>Cases and pallets (SSCC) as captured EPCIS events: which step each asks for, or why none.</summary>
public sealed class CaptureMappingTests
{
    private const string Gln = "4012345000016";
    private static readonly string Sscc1 = Sscc.Create(0, "4012345", 42).Value;
    private static readonly string SsccUrn = $"urn:epc:id:sscc:4012345.0{Sscc1[8..17]}";

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static CapturePlan Map(string json) => CaptureMapping.Map(Parse(json), Gln);

    [Fact]
    public void A_shipping_or_receiving_object_event_naming_an_SSCC_moves_the_case_whatever_form_the_SSCC_is_written_in()
    {
        var ship = Map($$"""
            {"type":"ObjectEvent","eventTime":"2026-01-02T03:04:05.678Z","eventTimeZoneOffset":"+00:00","action":"OBSERVE",
             "epcList":["{{SsccUrn}}","https://id.gs1.org/01/09506000134352/21/S1"],"bizStep":"urn:epcglobal:cbv:bizstep:shipping",
             "destinationList":[{"type":"owning_party","destination":"https://id.gs1.org/417/4012346000015"}]}
            """);
        Assert.Null(ship.Refusal);
        var move = Assert.IsType<CaseMoveStep>(ship.Steps[0]);
        Assert.Equal((Sscc1, PackAction.Ship, "4012346000015"), (move.Sscc, move.Command.Action, move.Command.To));
        Assert.Equal(DateTimeOffset.Parse("2026-01-02T03:04:05.678Z", System.Globalization.CultureInfo.InvariantCulture), move.Command.OccurredAt);
        Assert.IsType<HandoffStep>(ship.Steps[1]);

        var receive = Map($$"""{"type":"ObjectEvent","eventTime":"2026-01-02T03:04:05Z","eventTimeZoneOffset":"+00:00","action":"OBSERVE","epcList":["https://id.gs1.org/00/{{Sscc1}}"],"bizStep":"receiving"}""");
        Assert.Equal((Sscc1, PackAction.Receive), (((CaseMoveStep)receive.Steps.Single()).Sscc, ((CaseMoveStep)receive.Steps.Single()).Command.Action));
    }

    [Fact]
    public void An_aggregation_event_ADD_packs_its_children_into_its_parent_and_DELETE_unpacks_it()
    {
        var add = Map($$"""
            {"type":"AggregationEvent","eventTime":"2026-01-02T03:04:05Z","eventTimeZoneOffset":"+00:00","action":"ADD","bizStep":"packing",
             "parentID":"{{SsccUrn}}","childEPCs":["urn:epc:id:sgtin:9506000.013435.S1","https://id.gs1.org/00/{{Sscc.Create(0, "4012345", 7).Value}}"]}
            """);
        var pack = Assert.IsType<PackIntoCaseStep>(add.Steps.Single());
        Assert.Equal(Sscc1, pack.Sscc);
        Assert.Equal([("09506000134352", "S1")], pack.Packs);
        Assert.Equal([Sscc.Create(0, "4012345", 7).Value], pack.Cases);

        var delete = Map($$"""{"type":"AggregationEvent","eventTime":"2026-01-02T03:04:05Z","eventTimeZoneOffset":"+00:00","action":"DELETE","parentID":"https://id.gs1.org/00/{{Sscc1}}"}""");
        var unpack = Assert.IsType<UnpackCaseStep>(delete.Steps.Single());
        Assert.Equal((Sscc1, 0, 0), (unpack.Sscc, unpack.Packs.Count, unpack.Cases.Count));
    }

    [Theory]
    [InlineData("""{"type":"ObjectEvent","action":"OBSERVE","epcList":["https://id.gs1.org/00/SSCC"],"bizStep":"dispensing"}""", "a case can be shipped or received, not 'dispensing'")]
    [InlineData("""{"type":"ObjectEvent","action":"OBSERVE","epcList":["https://id.gs1.org/00/BADCHECK"],"bizStep":"shipping"}""", "wrong check digit")]
    [InlineData("""{"type":"AggregationEvent","action":"ADD","childEPCs":["https://id.gs1.org/01/09506000134352/21/S1"]}""", "parentID is the case or pallet, an SSCC")]
    [InlineData("""{"type":"AggregationEvent","action":"ADD","parentID":"https://id.gs1.org/01/09506000134352/21/S9","childEPCs":["https://id.gs1.org/01/09506000134352/21/S1"]}""", "parentID is the case or pallet, an SSCC")]
    [InlineData("""{"type":"AggregationEvent","action":"ADD","parentID":"https://id.gs1.org/00/SSCC"}""", "names what it packs (childEPCs)")]
    [InlineData("""{"type":"AggregationEvent","action":"ADD","parentID":"https://id.gs1.org/00/SSCC","childEPCs":["urn:epc:id:sgln:4012345.00001.0"]}""", "neither a pack (SGTIN) nor a case (SSCC)")]
    [InlineData("""{"type":"AggregationEvent","action":"ADD","parentID":"https://id.gs1.org/00/SSCC","childQuantityList":[{"epcClass":"urn:epc:class:lgtin:0950600.013435.L1","quantity":5}]}""", "Quantities of a product are not packed")]
    [InlineData("""{"type":"AggregationEvent","action":"DELETE","bizStep":"shipping","parentID":"https://id.gs1.org/00/SSCC"}""", "the bizStep 'shipping' has no meaning for it")]
    [InlineData("""{"type":"AggregationEvent","action":"OBSERVE","parentID":"https://id.gs1.org/00/SSCC"}""", "OBSERVE changes nothing")]
    [InlineData("""{"type":"TransformationEvent"}""", "TransformationEvent: DrugTrace applies ObjectEvents about serialised packs and cases, and AggregationEvents")]
    public void A_case_event_DrugTrace_cannot_apply_is_refused_with_a_plain_reason(string json, string reason)
    {
        var bad = Sscc1[..17] + (char)('0' + (Sscc1[17] - '0' + 1) % 10);
        var ev = Parse(json.Replace("SSCC", Sscc1, StringComparison.Ordinal).Replace("BADCHECK", bad, StringComparison.Ordinal));
        ev["eventTime"] = "2026-01-02T03:04:05Z";
        ev["eventTimeZoneOffset"] = "+00:00";
        var plan = CaptureMapping.Map(ev, Gln);
        Assert.Empty(plan.Steps);
        Assert.Contains(reason, plan.Refusal);
    }
}
