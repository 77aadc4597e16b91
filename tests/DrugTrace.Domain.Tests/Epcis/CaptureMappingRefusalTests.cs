using System.Text.Json.Nodes;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Tests.Epcis;

/// <summary>Captured EPCIS events read into steps: the decommission dispositions, recalls, destinations, ILMD, aggregations, and every refusal word for word.</summary>
public sealed class CaptureMappingRefusalTests
{
    private const string Gln = "4012345000016";
    private const string Pack = "https://id.gs1.org/01/09506000134352/21/S1";
    private static readonly string Sscc1 = Sscc.Create(0, "4012345", 42).Value;
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static CapturePlan Map(string json, EpcisNamespaces? ns = null)
    {
        var ev = JsonNode.Parse(json.Replace("SSCC", Sscc1, StringComparison.Ordinal))!.AsObject();
        ev["eventTime"] ??= "2026-01-02T03:04:05Z";
        return CaptureMapping.Map(ev, Gln, ns);
    }

    private static string Refusal(string json)
    {
        var plan = Map(json);
        Assert.Empty(plan.Steps);
        return plan.Refusal!;
    }

    private static PackCommand Command(string json)
    {
        var plan = Map(json);
        Assert.Null(plan.Refusal);
        return Assert.IsType<HandoffStep>(Assert.Single(plan.Steps)).Command;
    }

    private static string Observe(string step, string? disposition = null) =>
        $$"""{"type":"ObjectEvent","action":"OBSERVE","epcList":["{{Pack}}"],"bizStep":"{{step}}"{{(disposition is null ? "" : $",\"disposition\":\"{disposition}\"")}}}""";

    [Theory]
    [InlineData("stolen", DecommissionReason.Stolen)]
    [InlineData("destroyed", DecommissionReason.Destroyed)]
    [InlineData("disposed", DecommissionReason.Destroyed)]
    [InlineData("https://drugtrace.example/voc/Disp-sample", DecommissionReason.Sample)]
    [InlineData("https://drugtrace.example/voc/Disp-free_sample", DecommissionReason.FreeSample)]
    [InlineData("https://drugtrace.example/voc/Disp-exported", DecommissionReason.Exported)]
    [InlineData("https://drugtrace.example/voc/Disp-locked", DecommissionReason.Locked)]
    public void A_decommissioning_says_why_by_its_disposition(string disposition, DecommissionReason reason)
    {
        var command = Command(Observe("decommissioning", disposition));
        Assert.Equal(new PackCommand(PackAction.Decommission, Reason: reason, OccurredAt: At), command);
    }

    [Fact]
    public void Each_DrugTrace_step_and_CBV_step_becomes_its_command()
    {
        Assert.Equal(new PackCommand(PackAction.ConfirmIllegitimate, Note: "Confirmed illegitimate (EPCIS capture)", OccurredAt: At),
            Command(Observe("decommissioning", "https://drugtrace.example/voc/Disp-illegitimate")));
        Assert.Equal(new PackCommand(PackAction.Quarantine, Note: "Quarantined (EPCIS capture)", OccurredAt: At),
            Command(Observe("holding", "https://drugtrace.example/voc/Disp-quarantined")));
        Assert.Equal(new PackCommand(PackAction.Release, Note: "Released (EPCIS capture)", OccurredAt: At),
            Command(Observe("https://drugtrace.example/voc/BizStep-releasing")));
        Assert.Equal(new PackCommand(PackAction.UndoDispense, OccurredAt: At), Command(Observe("https://drugtrace.example/voc/BizStep-undo_dispensing")));
        Assert.Equal(new PackCommand(PackAction.Unlock, OccurredAt: At), Command(Observe("https://drugtrace.example/voc/BizStep-unlocking")));
        Assert.Equal(new PackCommand(PackAction.Dispense, OccurredAt: At), Command(Observe("retail_selling")));
        Assert.Equal(new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Sample, OccurredAt: At), Command(Observe("sampling")));
        Assert.Equal(new PackCommand(PackAction.Receive, OccurredAt: At), Command(Observe("arriving")));
        Assert.Equal(new PackCommand(PackAction.Receive, OccurredAt: At), Command(Observe("accepting")));
    }

    [Theory]
    [InlineData(null, "A decommissioning event says why by its disposition (stolen, destroyed, or DrugTrace's sample, free_sample, exported, locked, illegitimate).")]
    [InlineData("active", "A decommissioning event says why by its disposition (stolen, destroyed, or DrugTrace's sample, free_sample, exported, locked, illegitimate); 'active' is none of them.")]
    public void A_decommissioning_without_a_reason_is_refused(string? disposition, string refusal) =>
        Assert.Equal(refusal, Refusal(Observe("decommissioning", disposition)));

    [Fact]
    public void A_holding_that_is_no_quarantine_and_an_unknown_step_are_refused()
    {
        Assert.Equal("The bizStep 'holding' has no meaning in DrugTrace (it applies commissioning, shipping, receiving, dispensing, destroying, decommissioning, sampling and recalls).",
            Refusal(Observe("holding", "active")));
        Assert.Equal("The event has no bizStep DrugTrace can apply.", Refusal($$"""{"type":"ObjectEvent","action":"OBSERVE","epcList":["{{Pack}}"]}"""));
    }

    [Fact]
    public void A_shipment_goes_to_the_owning_party_first_then_the_possessing_party_then_the_location()
    {
        string Ship(string destinations) =>
            Command($$"""{"type":"ObjectEvent","action":"OBSERVE","epcList":["{{Pack}}"],"bizStep":"shipping","destinationList":[{{destinations}}]}""").To!;
        const string location = """{"type":"location","destination":"https://id.gs1.org/414/4012346000015"}""";
        const string possessing = """{"type":"urn:epcglobal:cbv:sdt:possessing_party","destination":"https://id.gs1.org/417/4012347000014"}""";
        const string owning = """{"type":"https://ref.gs1.org/cbv/SDT-owning_party","destination":"urn:epc:id:pgln:4012348.00001"}""";
        const string notAGln = """{"type":"owning_party","destination":"https://id.gs1.org/01/09506000134352"}""";
        Assert.Equal("4012346000015", Ship(location));
        Assert.Equal("4012347000014", Ship(location + "," + possessing));
        Assert.Equal("4012348000013", Ship(location + "," + possessing + "," + owning));
        Assert.Equal("4012346000015", Ship(notAGln + "," + location));
        Assert.Equal("A shipping event names its destination (destinationList: owning_party, possessing_party or location).",
            Refusal($$"""{"type":"ObjectEvent","action":"OBSERVE","epcList":["{{Pack}}"],"bizStep":"shipping","destinationList":[{{notAGln}}]}"""));
    }

    [Fact]
    public void A_recall_names_whole_lots_by_their_class()
    {
        var plan = Map("""
            {"type":"ObjectEvent","action":"OBSERVE","disposition":"recalled","quantityList":[
              {"epcClass":"urn:epc:class:lgtin:4054739.099914.L1"},{"epcClass":"https://id.gs1.org/01/09506000134352/10/L%2F2"}]}
            """);
        Assert.Equal<CaptureStep>([new RecallStep("04054739999148", "L1", "Recalled (EPCIS capture)"), new RecallStep("09506000134352", "L/2", "Recalled (EPCIS capture)")], plan.Steps);
        Assert.Equal("A recall names the lot it recalls: 'https://id.gs1.org/01/09506000134352' is not a lot (give an LGTIN or https://id.gs1.org/01/.../10/...).",
            Refusal("""{"type":"ObjectEvent","action":"OBSERVE","disposition":"recalled","quantityList":[{"epcClass":"https://id.gs1.org/01/09506000134352"}]}"""));
        Assert.Equal("A recall (disposition recalled) names its lots in a quantityList (epcClass with a lot); DrugTrace recalls whole lots.",
            Refusal("""{"type":"ObjectEvent","action":"OBSERVE","disposition":"recalled","quantityList":[1]}"""));
        Assert.Equal("A recall (disposition recalled) names its lots in a quantityList (epcClass with a lot); DrugTrace recalls whole lots.",
            Refusal("""{"type":"ObjectEvent","action":"OBSERVE","disposition":"urn:epcglobal:cbv:disp:recalled"}"""));
    }

    [Theory]
    [InlineData("""{"cbvmda:lotNumber":"L1","cbvmda:itemExpirationDate":"2027-12-31"}""")]
    [InlineData("""{"urn:epcglobal:cbv:mda:lotNumber":"L1","urn:epcglobal:cbv:mda:itemExpirationDate":"2027-12-31"}""")]
    [InlineData("""{"other":"x","cbvmda:lotNumber":"L1","cbvmda:itemExpirationDate":"2027-12-31"}""")]
    public void A_commissioning_reads_lot_and_expiry_from_its_ILMD_in_either_spelling(string ilmd)
    {
        var plan = Map($$$"""{"type":"ObjectEvent","action":"ADD","epcList":["{{{Pack}}}"],"bizStep":"commissioning","ilmd":{{{ilmd}}}}""");
        var step = Assert.IsType<CommissionStep>(Assert.Single(plan.Steps));
        Assert.Equal(("09506000134352", "S1", "L1", new DateOnly(2027, 12, 31), At), (step.Gtin, Assert.Single(step.Serials), step.Lot, step.Expiry, step.OccurredAt));
    }

    [Fact]
    public void A_commissioning_of_serials_that_are_dot_segments_names_each_serial_whichever_way_it_is_written()
    {
        var plan = Map("""
            {"type":"ObjectEvent","action":"ADD","bizStep":"commissioning","ilmd":{"cbvmda:lotNumber":"L1","cbvmda:itemExpirationDate":"2027-12-31"},
             "epcList":["https://id.gs1.org/01/09506000134352/21/.","https://example.com/01/09506000134352/21/..","https://id.gs1.org/01/09506000134352/21/%2E%2E%2E"]}
            """);
        Assert.Null(plan.Refusal);
        Assert.Equal([".", "..", "..."], Assert.IsType<CommissionStep>(Assert.Single(plan.Steps)).Serials);
    }

    [Fact]
    public void A_commissioning_under_an_inline_prefix_is_read_with_the_documents_namespaces()
    {
        var ns = EpcisNamespaces.From(JsonNode.Parse("""{"mda":"urn:epcglobal:cbv:mda:"}"""));
        var plan = Map($$$"""{"type":"ObjectEvent","action":"ADD","epcList":["{{{Pack}}}"],"bizStep":"commissioning","ilmd":{"mda:lotNumber":"L1","mda:itemExpirationDate":"2027-12-31"}}""", ns);
        Assert.Equal("L1", Assert.IsType<CommissionStep>(Assert.Single(plan.Steps)).Lot);
        Assert.Equal("A commissioning event states the lot and expiry in its ILMD (cbvmda:lotNumber, cbvmda:itemExpirationDate).",
            Refusal($$$"""{"type":"ObjectEvent","action":"ADD","epcList":["{{{Pack}}}"],"bizStep":"commissioning","ilmd":{"mda:lotNumber":"L1","mda:itemExpirationDate":"2027-12-31"}}"""));
        Assert.Equal("A commissioning event states the lot and expiry in its ILMD (cbvmda:lotNumber, cbvmda:itemExpirationDate).",
            Refusal($$$"""{"type":"ObjectEvent","action":"ADD","epcList":["{{{Pack}}}"],"bizStep":"commissioning","ilmd":{"cbvmda:lotNumber":5,"cbvmda:itemExpirationDate":"2027-12-31"}}"""));
    }

    [Fact]
    public void An_aggregation_is_read_as_packing_or_unpacking_in_words()
    {
        var add = Map($$"""{"type":"AggregationEvent","action":"ADD","bizStep":"packing","parentID":"urn:epc:id:sscc:4012345.0000000042","childEPCs":["{{Pack}}"]}""");
        Assert.Null(add.Refusal);
        var packing = Assert.IsType<PackIntoCaseStep>(Assert.Single(add.Steps));
        Assert.Equal((Sscc1, At), (packing.Sscc, packing.OccurredAt));
        Assert.Equal([("09506000134352", "S1")], packing.Packs);
        var delete = Map("""{"type":"AggregationEvent","action":"DELETE","parentID":"https://id.gs1.org/00/SSCC","childQuantityList":[]}""");
        Assert.Equal(Sscc1, Assert.IsType<UnpackCaseStep>(Assert.Single(delete.Steps)).Sscc);
        Assert.Equal("An AggregationEvent ADD names what it packs (childEPCs).", Refusal("""{"type":"AggregationEvent","action":"ADD","parentID":"https://id.gs1.org/00/SSCC"}"""));
        Assert.Equal("An AggregationEvent ADD is applied as packing; the bizStep 'shipping' has no meaning for it here.",
            Refusal($$"""{"type":"AggregationEvent","action":"ADD","bizStep":"shipping","parentID":"https://id.gs1.org/00/SSCC","childEPCs":["{{Pack}}"]}"""));
        Assert.Equal("An AggregationEvent DELETE is applied as unpacking; the bizStep 'packing' has no meaning for it here.",
            Refusal("""{"type":"AggregationEvent","action":"DELETE","bizStep":"packing","parentID":"https://id.gs1.org/00/SSCC"}"""));
        Assert.Equal("An AggregationEvent OBSERVE changes nothing DrugTrace records: it applies ADD (packing) and DELETE (unpacking).",
            Refusal("""{"type":"AggregationEvent","parentID":"https://id.gs1.org/00/SSCC"}"""));
    }

    [Fact]
    public void An_aggregation_without_a_valid_case_as_parent_is_refused_in_words()
    {
        Assert.Equal("An AggregationEvent's parentID is the case or pallet, an SSCC (https://id.gs1.org/00/... or urn:epc:id:sscc:...); this one has none.",
            Refusal("""{"type":"AggregationEvent","action":"ADD"}"""));
        Assert.Equal($"An AggregationEvent's parentID is the case or pallet, an SSCC (https://id.gs1.org/00/... or urn:epc:id:sscc:...), not '{Pack}'.",
            Refusal($$"""{"type":"AggregationEvent","action":"ADD","parentID":"{{Pack}}"}"""));
        var bad = Sscc1[..17] + (char)('0' + (Sscc1[17] - '0' + 1) % 10);
        Assert.False(Sscc.TryParse(bad, out _, out var error));
        Assert.Equal($"parentID https://id.gs1.org/00/{bad}: {error}", Refusal($$"""{"type":"AggregationEvent","action":"ADD","parentID":"https://id.gs1.org/00/{{bad}}"}"""));
        Assert.Equal($"The child 'https://id.gs1.org/00/{bad}' is neither a pack (SGTIN) nor a case (SSCC) DrugTrace can pack.",
            Refusal($$"""{"type":"AggregationEvent","action":"ADD","parentID":"https://id.gs1.org/00/SSCC","childEPCs":["https://id.gs1.org/00/{{bad}}"]}"""));
        Assert.Equal("The child '' is neither a pack (SGTIN) nor a case (SSCC) DrugTrace can pack.",
            Refusal("""{"type":"AggregationEvent","action":"ADD","parentID":"https://id.gs1.org/00/SSCC","childEPCs":[""]}"""));
    }

    [Fact]
    public void An_unpacking_DELETE_unpacks_and_a_shipment_without_a_destination_list_is_refused_in_words()
    {
        var delete = Map("""{"type":"AggregationEvent","action":"DELETE","bizStep":"unpacking","parentID":"https://id.gs1.org/00/SSCC","childQuantityList":[]}""");
        Assert.Null(delete.Refusal);
        Assert.Equal(Sscc1, Assert.IsType<UnpackCaseStep>(Assert.Single(delete.Steps)).Sscc);
        Assert.Equal("A shipping event names its destination (destinationList: owning_party, possessing_party or location).",
            Refusal($$"""{"type":"ObjectEvent","action":"OBSERVE","epcList":["{{Pack}}"],"bizStep":"shipping"}"""));
    }

    [Fact]
    public void An_event_DrugTrace_cannot_read_is_refused_in_words_before_its_packs_are_read()
    {
        Assert.Equal("An event without a type: DrugTrace applies ObjectEvents about serialised packs and cases, and AggregationEvents that pack or unpack cases.",
            Refusal($$"""{"action":"OBSERVE","epcList":["{{Pack}}"],"bizStep":"receiving"}"""));
        Assert.Equal("An error declaration is not applied: a ledger event is never withdrawn; record the correcting event instead.",
            Refusal($$$"""{"type":"ObjectEvent","action":"OBSERVE","epcList":["{{{Pack}}}"],"bizStep":"receiving","errorDeclaration":{"declarationTime":"2026-01-03T00:00:00Z"}}"""));
        Assert.Equal("The eventTime is not a date and time.",
            Refusal($$"""{"type":"ObjectEvent","eventTime":"yesterday","action":"OBSERVE","epcList":["{{Pack}}"],"bizStep":"receiving"}"""));
    }

    [Fact]
    public void An_event_happens_at_the_capturers_own_GLN()
    {
        string AtPlace(string place, string id) =>
            $$$"""{"type":"ObjectEvent","action":"OBSERVE","epcList":["{{{Pack}}}"],"bizStep":"receiving","{{{place}}}":{"id":"{{{id}}}"}}""";
        Assert.Equal(new PackCommand(PackAction.Receive, OccurredAt: At), Command(AtPlace("readPoint", "urn:epc:id:sgln:4012345.00001.0")));
        Assert.Equal(new PackCommand(PackAction.Receive, OccurredAt: At), Command(AtPlace("bizLocation", "https://id.gs1.org/414/" + Gln)));
        Assert.Equal("The readPoint https://id.gs1.org/01/09506000134352 is not a party's GLN: DrugTrace records where a party acts by its GLN (urn:epc:id:sgln:....0 or https://id.gs1.org/414/...).",
            Refusal(AtPlace("readPoint", "https://id.gs1.org/01/09506000134352")));
        Assert.Equal($"The event happened at 4012346000015, not at your GLN {Gln}: each party captures its own events.",
            Refusal(AtPlace("readPoint", "https://id.gs1.org/414/4012346000015")));
        Assert.Equal($"The event happened at 4012346000015, not at your GLN {Gln}: each party captures its own events.",
            Refusal(AtPlace("bizLocation", "https://id.gs1.org/414/4012346000015")));
    }

    [Fact]
    public void An_object_event_without_packs_or_with_something_else_is_refused_in_words()
    {
        Assert.Equal("The event names no pack (its epcList is empty).", Refusal("""{"type":"ObjectEvent","action":"OBSERVE","bizStep":"receiving"}"""));
        Assert.Equal("Quantities of a product are not applied: DrugTrace tracks each pack by its serial (give an epcList).",
            Refusal("""{"type":"ObjectEvent","action":"OBSERVE","bizStep":"receiving","quantityList":[{"epcClass":"urn:epc:class:lgtin:4054739.099914.L1","quantity":5}]}"""));
        Assert.Equal("'urn:epc:id:sgln:4012345.00001.0' is not a pack's or case's EPC: give an SGTIN (https://id.gs1.org/01/.../21/... or urn:epc:id:sgtin:...) or an SSCC (https://id.gs1.org/00/... or urn:epc:id:sscc:...).",
            Refusal("""{"type":"ObjectEvent","action":"OBSERVE","bizStep":"receiving","epcList":["urn:epc:id:sgln:4012345.00001.0"]}"""));
    }

    [Fact]
    public void A_case_is_received_arriving_or_accepting_and_needs_a_step()
    {
        foreach (var step in new[] { "receiving", "arriving", "accepting" })
        {
            var plan = Map($$"""{"type":"ObjectEvent","action":"OBSERVE","bizStep":"{{step}}","epcList":["https://id.gs1.org/00/SSCC"]}""");
            Assert.Null(plan.Refusal);
            Assert.Equal(new CaseMoveStep(Sscc1, new PackCommand(PackAction.Receive, OccurredAt: At)), Assert.Single(plan.Steps));
        }
        Assert.Equal($"(00) {Sscc1} is a case or pallet: an event about a case ships (bizStep shipping) or receives (receiving) it.",
            Refusal("""{"type":"ObjectEvent","action":"OBSERVE","epcList":["https://id.gs1.org/00/SSCC"]}"""));
    }

    [Fact]
    public void Action_ADD_is_for_commissioning_only_and_a_commissioning_dates_its_expiry()
    {
        Assert.Equal("A commissioning event must have action ADD.",
            Refusal($$$"""{"type":"ObjectEvent","action":"OBSERVE","epcList":["{{{Pack}}}"],"bizStep":"commissioning","ilmd":{"cbvmda:lotNumber":"L1","cbvmda:itemExpirationDate":"2027-12-31"}}"""));
        Assert.Equal("The ILMD itemExpirationDate '31.12.2027' is not a date (YYYY-MM-DD).",
            Refusal($$$"""{"type":"ObjectEvent","action":"ADD","epcList":["{{{Pack}}}"],"bizStep":"commissioning","ilmd":{"cbvmda:lotNumber":"L1","cbvmda:itemExpirationDate":"31.12.2027"}}"""));
        Assert.Equal("Action ADD is for commissioning; other steps OBSERVE (or DELETE) packs that exist.",
            Refusal($$"""{"type":"ObjectEvent","action":"ADD","epcList":["{{Pack}}"],"bizStep":"receiving"}"""));
    }

    [Fact]
    public void Dispensing_and_destroying_become_their_commands()
    {
        Assert.Equal(new PackCommand(PackAction.Dispense, OccurredAt: At), Command(Observe("dispensing")));
        Assert.Equal(new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Destroyed, OccurredAt: At), Command(Observe("destroying")));
    }
}
