using System.Globalization;
using System.Text.Json.Nodes;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Epcis;

/// <summary>
/// A pack's ledger event as an EPCIS 2.0 ObjectEvent (an AggregationEvent for packing and unpacking): the pack as a Digital Link EPC, the CBV
/// 2.0 bizStep and disposition of what happened (DrugTrace's own term where CBV has none), the
/// acting party as readPoint and bizLocation, sender and recipient as source and destination
/// (owning party and location), lot and expiry as ILMD on commissioning, and the CBV 2.0 event
/// hash as eventID (<see cref="EventId(PackEventFacts)"/>: the hash of that JSON, computed from the values without
/// reading it back). Pure: the same event always gives the same JSON and the same eventID.
/// </summary>
public static class PackEpcisEvents
{
    /// <summary>bizStep, disposition and action of each kind of pack event.</summary>
    public static (string BizStep, string Disposition, string Action) StepOf(EventType type, string? reason) => type switch
    {
        EventType.Commissioned => ("commissioning", "active", "ADD"),
        EventType.Shipped => ("shipping", "in_transit", "OBSERVE"),
        EventType.Received => ("receiving", "in_progress", "OBSERVE"),
        EventType.Dispensed => ("dispensing", "dispensed", "OBSERVE"),
        EventType.DispenseUndone => (Cbv.BizStep.DrugTrace(UndoDispensing), "active", "OBSERVE"),
        EventType.Unlocked => (Cbv.BizStep.DrugTrace(Unlocking), "active", "OBSERVE"),
        EventType.Quarantined => ("holding", Cbv.Disposition.DrugTrace(Quarantined), "OBSERVE"),
        // A release restores whatever the pack was before (active or in transit): no disposition is stated.
        EventType.Released => (Cbv.BizStep.DrugTrace(Releasing), "", "OBSERVE"),
        EventType.ConfirmedIllegitimate => ("decommissioning", Cbv.Disposition.DrugTrace(Illegitimate), "DELETE"),
        // Packed into or taken out of a case (CBV 2.0 packing / unpacking): an AggregationEvent with the case as parentID.
        EventType.Aggregated => ("packing", "", "ADD"),
        EventType.Disaggregated => ("unpacking", "", "DELETE"),
        EventType.Decommissioned => ReasonStep(PackLifecycle.TryParseReason(reason, out var r)
            ? r : throw new ArgumentException($"Unknown decommission reason '{reason}'.", nameof(reason))),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a pack event."),
    };

    public const string UndoDispensing = "undo_dispensing";
    public const string Unlocking = "unlocking";
    public const string Releasing = "releasing";
    public const string Quarantined = "quarantined";
    public const string Illegitimate = "illegitimate";

    /// <summary>DrugTrace dispositions for decommission reasons CBV has no word for.</summary>
    public static string DispositionName(DecommissionReason reason) => reason switch
    {
        DecommissionReason.Sample => "sample",
        DecommissionReason.FreeSample => "free_sample",
        DecommissionReason.Exported => "exported",
        DecommissionReason.Locked => "locked",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "CBV has a disposition for this one."),
    };

    private static (string, string, string) ReasonStep(DecommissionReason reason) => reason switch
    {
        DecommissionReason.Destroyed => ("destroying", "destroyed", "DELETE"),
        DecommissionReason.Stolen => ("decommissioning", "stolen", "DELETE"),
        DecommissionReason.Sample => ("sampling", Cbv.Disposition.DrugTrace(DispositionName(reason)), "DELETE"),
        // A locked pack can be unlocked: it stays identified.
        DecommissionReason.Locked => ("decommissioning", Cbv.Disposition.DrugTrace(DispositionName(reason)), "OBSERVE"),
        _ => ("decommissioning", Cbv.Disposition.DrugTrace(DispositionName(reason)), "DELETE"),
    };

    /// <summary>
    /// The CBV 2.0 event hash ID a pack's ledger event is exported with (what EQ_eventID and
    /// /epcis/events/{eventID} look up), or null for a lot's or case's event, which is not exported.
    /// </summary>
    public static string? EventId(LedgerEvent e) =>
        e.Stream != StreamKind.Pack || e.Type is EventType.LotRegistered or EventType.LotRecalled or EventType.CasePacked or EventType.CaseUnpacked
            ? null
            : EventId(Facts(e, e.Lot ?? "", e.Expiry ?? default));

    /// <summary>
    /// <see cref="EventId(LedgerEvent)"/> of each event, in order. A lot's commissioning events differ only in
    /// their serial, so the pre-hash around the EPC is built once for a run of them (commissioning hashes a
    /// thousand per lot, and building it whole per pack was most of the commissioning's managed time).
    /// </summary>
    public static string?[] EventIds(IReadOnlyList<LedgerEvent> events)
    {
        var ids = new string?[events.Count];
        LedgerEvent? model = null;
        EventHashId.EpcVariants? variants = null;
        for (var i = 0; i < ids.Length; i++)
        {
            var e = events[i];
            if (e.Stream != StreamKind.Pack || e.Type != EventType.Commissioned)
            {
                ids[i] = EventId(e);
                continue;
            }
            if (model is null || !CommissionedAlike(model, e))
            {
                model = e;
                variants = new EventHashId.EpcVariants(Written(Facts(e, e.Lot ?? "", e.Expiry ?? default)));
            }
            ids[i] = variants!.Compute(EpcUris.Sgtin(e.Gtin, e.Key));
        }
        return ids;
    }

    // Everything a commissioning's eventID is made of but its EPC (gtin and serial).
    private static bool CommissionedAlike(LedgerEvent a, LedgerEvent b) =>
        a.OccurredAt.UtcTicks == b.OccurredAt.UtcTicks && a.Actor == b.Actor && a.Lot == b.Lot && a.Expiry == b.Expiry;

    /// <summary>The eventID of the event <see cref="ToEpcisEvent"/> writes for <paramref name="e"/>, without writing it.</summary>
    public static string EventId(PackEventFacts e) => EventHashId.ComputeWritten(Written(e));

    private static WrittenEvent Written(PackEventFacts e)
    {
        var (bizStep, disposition, action) = StepOf(e.Type, e.Reason);
        var aggregation = e.Type is EventType.Aggregated or EventType.Disaggregated;
        var handoff = e.Type is EventType.Shipped or EventType.Received && e.From is not null && e.To is not null;
        var commissioning = e.Type == EventType.Commissioned;
        return new WrittenEvent(
            aggregation ? "AggregationEvent" : "ObjectEvent", e.OccurredAt, EpcUris.Sgtin(e.Gtin, e.Serial),
            aggregation ? EpcUris.Sscc(Parent(e)) : null, action, bizStep, aggregation ? "" : disposition, EpcUris.Location(e.Actor),
            handoff ? (EpcUris.Party(e.From!), EpcUris.Location(e.From!)) : null,
            handoff ? (EpcUris.Party(e.To!), EpcUris.Location(e.To!)) : null,
            commissioning ? e.Lot : null, commissioning ? Date(e.Expiry) : null);
    }

    private static string Parent(PackEventFacts e) =>
        (e.Type == EventType.Aggregated ? e.To : e.From) ?? throw new ArgumentException($"A {e.Type} event names its case.", nameof(e));

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What the EPCIS event of a pack's ledger event says; <paramref name="lot"/> and <paramref name="expiry"/> are the pack's.</summary>
    public static PackEventFacts Facts(LedgerEvent e, string lot, DateOnly expiry) =>
        new(e.Type, e.Gtin, e.Key, lot, expiry, e.Actor, e.From, e.To, e.Reason, e.OccurredAt, e.RecordedAt);

    /// <summary>
    /// The pack's event as EPCIS: an AggregationEvent for packing into a case (ADD) and taking out of one
    /// (DELETE), with the case's SSCC as parentID and the pack as its one child; an ObjectEvent otherwise.
    /// </summary>
    public static JsonObject ToEpcisEvent(PackEventFacts e) =>
        e.Type is EventType.Aggregated or EventType.Disaggregated ? ToAggregationEvent(e) : ToObjectEvent(e);

    /// <summary>A pack packed into case <c>To</c> or taken out of case <c>From</c>, as an AggregationEvent.</summary>
    private static JsonObject ToAggregationEvent(PackEventFacts e)
    {
        var (bizStep, _, action) = StepOf(e.Type, e.Reason);
        var parent = Parent(e);
        var ev = new JsonObject
        {
            ["type"] = "AggregationEvent",
            ["eventTime"] = Time(e.OccurredAt),
            ["recordTime"] = Time(e.RecordedAt),
            ["eventTimeZoneOffset"] = "+00:00",
            ["parentID"] = EpcUris.Sscc(parent),
            ["childEPCs"] = new JsonArray(EpcUris.Sgtin(e.Gtin, e.Serial)),
            ["action"] = action,
            ["bizStep"] = bizStep,
            ["readPoint"] = new JsonObject { ["id"] = EpcUris.Location(e.Actor) },
            ["bizLocation"] = new JsonObject { ["id"] = EpcUris.Location(e.Actor) },
        };
        ev["eventID"] = EventId(e);
        return ev;
    }

    private static JsonObject ToObjectEvent(PackEventFacts e)
    {
        var (bizStep, disposition, action) = StepOf(e.Type, e.Reason);
        var ev = new JsonObject
        {
            ["type"] = "ObjectEvent",
            ["eventTime"] = Time(e.OccurredAt),
            ["recordTime"] = Time(e.RecordedAt),
            ["eventTimeZoneOffset"] = "+00:00",
            ["epcList"] = new JsonArray(EpcUris.Sgtin(e.Gtin, e.Serial)),
            ["action"] = action,
            ["bizStep"] = bizStep,
            ["readPoint"] = new JsonObject { ["id"] = EpcUris.Location(e.Actor) },
            ["bizLocation"] = new JsonObject { ["id"] = EpcUris.Location(e.Actor) },
        };
        if (disposition.Length > 0) ev.Insert(7, "disposition", disposition);
        if (e.Type is EventType.Shipped or EventType.Received && e.From is { } from && e.To is { } to)
        {
            ev["sourceList"] = Parties("source", from);
            ev["destinationList"] = Parties("destination", to);
        }
        if (e.Type == EventType.Commissioned)
        {
            ev["ilmd"] = new JsonObject
            {
                ["cbvmda:lotNumber"] = e.Lot,
                ["cbvmda:itemExpirationDate"] = Date(e.Expiry),
            };
        }
        ev["eventID"] = EventId(e);
        return ev;
    }

    private static JsonArray Parties(string name, string gln) =>
    [
        new JsonObject { ["type"] = "owning_party", [name] = EpcUris.Party(gln) },
        new JsonObject { ["type"] = "location", [name] = EpcUris.Location(gln) },
    ];

    public static string Time(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
