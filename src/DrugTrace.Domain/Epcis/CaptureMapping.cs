using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Epcis;

/// <summary>
/// Reads a captured EPCIS 2.0 event into DrugTrace's use cases (pure): commissioning (ADD) of
/// serials with lot and expiry as ILMD, shipping (with its destination), receiving, dispensing,
/// decommissioning with its reason (from the disposition), recall of a lot, and DrugTrace's own
/// steps (undo dispensing, unlocking, quarantine, release). EPCs may be Digital Links or URNs, CBV
/// terms short names, URNs or Web URIs. SSCCs name cases and pallets: an ObjectEvent ships or receives
/// them with everything inside, an AggregationEvent ADD packs its childEPCs into its parentID and DELETE
/// unpacks it. Whatever has no meaning here is refused with a plain reason.
/// </summary>
public static class CaptureMapping
{
    public static CapturePlan Map(JsonObject ev, string capturer, EpcisNamespaces? namespaces = null)
    {
        var type = Text(ev["type"]);
        if (type is not ("ObjectEvent" or "AggregationEvent"))
            return CapturePlan.Refuse($"{type ?? "An event without a type"}: DrugTrace applies ObjectEvents about serialised packs and cases, and AggregationEvents that pack or unpack cases.");
        if (ev["errorDeclaration"] is not null)
            return CapturePlan.Refuse("An error declaration is not applied: a ledger event is never withdrawn; record the correcting event instead.");
        if (!DateTimeOffset.TryParse(Text(ev["eventTime"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var eventTime))
            return CapturePlan.Refuse("The eventTime is not a date and time.");

        foreach (var place in new[] { "readPoint", "bizLocation" })
        {
            if (Text(ev[place]?["id"]) is { } id)
            {
                if (!EpcUris.TryParseGln(id, out var gln))
                    return CapturePlan.Refuse($"The {place} {id} is not a party's GLN: DrugTrace records where a party acts by its GLN (urn:epc:id:sgln:....0 or https://id.gs1.org/414/...).");
                if (gln != capturer)
                    return CapturePlan.Refuse($"The event happened at {gln}, not at your GLN {capturer}: each party captures its own events.");
            }
        }

        var stepText = Text(ev["bizStep"]);
        var step = Cbv.BizStep.ShortName(stepText) ?? Cbv.BizStep.DrugTraceName(stepText);
        var dispositionText = Text(ev["disposition"]);
        var disposition = Cbv.Disposition.ShortName(dispositionText) ?? Cbv.Disposition.DrugTraceName(dispositionText);
        var action = Text(ev["action"]);

        if (type == "AggregationEvent")
            return Aggregation(ev, step, stepText, action, eventTime);
        if (disposition == "recalled")
            return Recall(ev);

        var packs = new List<(string Gtin, string Serial)>();
        var cases = new List<string>();
        foreach (var epc in (ev["epcList"] as JsonArray ?? []).Select(Text))
        {
            if (EpcUris.TryParseSgtin(epc, out var gtin, out var serial)) packs.Add((gtin, serial));
            else if (EpcUris.TryParseSscc(epc, out var digits))
            {
                if (!Sscc.TryParse(digits, out _, out var error)) return CapturePlan.Refuse($"{epc}: {error}");
                cases.Add(digits);
            }
            else return CapturePlan.Refuse($"'{epc}' is not a pack's or case's EPC: give an SGTIN (https://id.gs1.org/01/.../21/... or urn:epc:id:sgtin:...) or an SSCC (https://id.gs1.org/00/... or urn:epc:id:sscc:...).");
        }
        if (packs.Count + cases.Count == 0)
            return CapturePlan.Refuse(ev["quantityList"] is not null
                ? "Quantities of a product are not applied: DrugTrace tracks each pack by its serial (give an epcList)."
                : "The event names no pack (its epcList is empty).");
        if (cases.Count > 0 && step is not ("shipping" or "receiving" or "arriving" or "accepting"))
            return CapturePlan.Refuse(step is null
                ? $"(00) {cases[0]} is a case or pallet: an event about a case ships (bizStep shipping) or receives (receiving) it."
                : $"(00) {cases[0]} is a case or pallet: a case can be shipped or received, not '{stepText}'; unpack it (an AggregationEvent DELETE) to {stepText} its packs.");

        if (step == "commissioning")
        {
            if (action != "ADD") return CapturePlan.Refuse("A commissioning event must have action ADD.");
            var ns = namespaces ?? EpcisNamespaces.Default;
            var lot = Ilmd(ev, ns, "lotNumber");
            var expiryText = Ilmd(ev, ns, "itemExpirationDate");
            if (lot is null || expiryText is null)
                return CapturePlan.Refuse("A commissioning event states the lot and expiry in its ILMD (cbvmda:lotNumber, cbvmda:itemExpirationDate).");
            if (!DateOnly.TryParseExact(expiryText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiry))
                return CapturePlan.Refuse($"The ILMD itemExpirationDate '{expiryText}' is not a date (YYYY-MM-DD).");
            return new CapturePlan([.. packs.GroupBy(p => p.Gtin).Select(g => new CommissionStep(g.Key, [.. g.Select(p => p.Serial)], lot, expiry, eventTime))], null);
        }
        if (action == "ADD")
            return CapturePlan.Refuse("Action ADD is for commissioning; other steps OBSERVE (or DELETE) packs that exist.");

        PackCommand? command = step switch
        {
            "shipping" => Destination(ev) is { } to ? new PackCommand(PackAction.Ship, to) : null,
            "receiving" or "arriving" or "accepting" => new PackCommand(PackAction.Receive),
            "dispensing" or "retail_selling" => new PackCommand(PackAction.Dispense),
            "destroying" => new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Destroyed),
            "sampling" => new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Sample),
            "decommissioning" => Decommission(disposition),
            PackEpcisEvents.UndoDispensing => new PackCommand(PackAction.UndoDispense),
            PackEpcisEvents.Unlocking => new PackCommand(PackAction.Unlock),
            PackEpcisEvents.Releasing => new PackCommand(PackAction.Release, Note: "Released (EPCIS capture)"),
            "holding" when disposition == PackEpcisEvents.Quarantined => new PackCommand(PackAction.Quarantine, Note: "Quarantined (EPCIS capture)"),
            _ => null,
        };
        if (command is null)
        {
            return step switch
            {
                "shipping" => CapturePlan.Refuse("A shipping event names its destination (destinationList: owning_party, possessing_party or location)."),
                "decommissioning" => CapturePlan.Refuse($"A decommissioning event says why by its disposition (stolen, destroyed, or DrugTrace's sample, free_sample, exported, locked, illegitimate){(dispositionText is null ? "" : $"; '{dispositionText}' is none of them")}."),
                null => CapturePlan.Refuse("The event has no bizStep DrugTrace can apply."),
                _ => CapturePlan.Refuse($"The bizStep '{stepText}' has no meaning in DrugTrace (it applies commissioning, shipping, receiving, dispensing, destroying, decommissioning, sampling and recalls)."),
            };
        }
        command = command with { OccurredAt = eventTime };
        return new CapturePlan([.. cases.Select(c => new CaseMoveStep(c, command)), .. packs.Select(p => new HandoffStep(p.Gtin, p.Serial, command))], null);
    }

    // ADD packs the children into the parent case (new, or held by the capturer); DELETE unpacks the parent.
    private static CapturePlan Aggregation(JsonObject ev, string? step, string? stepText, string? action, DateTimeOffset eventTime)
    {
        var parentText = Text(ev["parentID"]);
        if (parentText is null || !EpcUris.TryParseSscc(parentText, out var parent))
            return CapturePlan.Refuse($"An AggregationEvent's parentID is the case or pallet, an SSCC (https://id.gs1.org/00/... or urn:epc:id:sscc:...){(parentText is null ? "; this one has none" : $", not '{parentText}'")}.");
        if (!Sscc.TryParse(parent, out _, out var parentError)) return CapturePlan.Refuse($"parentID {parentText}: {parentError}");
        if (ev["childQuantityList"] is JsonArray { Count: > 0 })
            return CapturePlan.Refuse("Quantities of a product are not packed: DrugTrace tracks each pack by its serial (give childEPCs).");
        var packs = new List<(string Gtin, string Serial)>();
        var cases = new List<string>();
        foreach (var epc in (ev["childEPCs"] as JsonArray ?? []).Select(Text))
        {
            if (EpcUris.TryParseSgtin(epc, out var gtin, out var serial)) packs.Add((gtin, serial));
            else if (EpcUris.TryParseSscc(epc, out var digits) && Sscc.TryParse(digits, out _, out _)) cases.Add(digits);
            else return CapturePlan.Refuse($"The child '{epc}' is neither a pack (SGTIN) nor a case (SSCC) DrugTrace can pack.");
        }
        switch (action)
        {
            case "ADD" when step is null or "packing":
                return packs.Count + cases.Count == 0
                    ? CapturePlan.Refuse("An AggregationEvent ADD names what it packs (childEPCs).")
                    : new CapturePlan([new PackIntoCaseStep(parent, packs, cases, eventTime)], null);
            case "DELETE" when step is null or "unpacking":
                return new CapturePlan([new UnpackCaseStep(parent, packs, cases, eventTime)], null);
            case "ADD" or "DELETE":
                return CapturePlan.Refuse($"An AggregationEvent {action} is applied as {(action == "ADD" ? "packing" : "unpacking")}; the bizStep '{stepText}' has no meaning for it here.");
            default:
                return CapturePlan.Refuse("An AggregationEvent OBSERVE changes nothing DrugTrace records: it applies ADD (packing) and DELETE (unpacking).");
        }
    }

    private static PackCommand? Decommission(string? disposition) => disposition switch
    {
        "stolen" => new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Stolen),
        "destroyed" or "disposed" => new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Destroyed),
        "sample" => new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Sample),
        "free_sample" => new PackCommand(PackAction.Decommission, Reason: DecommissionReason.FreeSample),
        "exported" => new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Exported),
        "locked" => new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Locked),
        PackEpcisEvents.Illegitimate => new PackCommand(PackAction.ConfirmIllegitimate, Note: "Confirmed illegitimate (EPCIS capture)"),
        _ => null,
    };

    private static CapturePlan Recall(JsonObject ev)
    {
        var steps = new List<CaptureStep>();
        foreach (var q in (ev["quantityList"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (EpcUris.TryParseClass(Text(q["epcClass"]), out var gtin, out var lot) && lot is not null)
                steps.Add(new RecallStep(gtin, lot, "Recalled (EPCIS capture)"));
            else
                return CapturePlan.Refuse($"A recall names the lot it recalls: '{Text(q["epcClass"])}' is not a lot (give an LGTIN or https://id.gs1.org/01/.../10/...).");
        }
        return steps.Count == 0
            ? CapturePlan.Refuse("A recall (disposition recalled) names its lots in a quantityList (epcClass with a lot); DrugTrace recalls whole lots.")
            : new CapturePlan(steps, null);
    }

    private static string? Destination(JsonObject ev)
    {
        foreach (var preferred in new[] { "owning_party", "possessing_party", "location" })
        {
            foreach (var d in (ev["destinationList"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Cbv.SourceDestType.ShortName(Text(d["type"])) == preferred && EpcUris.TryParseGln(Text(d["destination"]), out var gln))
                    return gln;
            }
        }
        return null;
    }

    private static string? Ilmd(JsonObject ev, EpcisNamespaces ns, string name)
    {
        if (ev["ilmd"] is not JsonObject ilmd) return null;
        foreach (var (key, value) in ilmd)
        {
            if (ns.ExpandName(key) == "{urn:epcglobal:cbv:mda:}" + name || key == "urn:epcglobal:cbv:mda:" + name) return Text(value);
        }
        return null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
