using System.Globalization;
using System.Text.Json.Nodes;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Epcis;

/// <summary>
/// EPCIS 2.0 query (REST binding GET /events) with the standard parameters, over pack events (ObjectEvents,
/// and AggregationEvents for packing into and unpacking from cases). A regulator sees every
/// pack's events; any other party the events of packs of its brands and of packs whose chain names
/// it (it holds, held or was sent them). Results come in log order, <see cref="EpcisQuery.PerPage"/>
/// at a time, with a token for the next page. MATCH_epcClass matches the packs of a product (and lot),
/// since DrugTrace's events are about serialised packs.
/// </summary>
public sealed record QueryEpcisEvents(string ActorGln, EpcisQuery Query) : IRequest<EpcisQueryPage>, IActorRequest;

/// <summary>The query parameters as sent; lists are separated by '|' or ','.</summary>
public sealed record EpcisQuery
{
    public string? EventType { get; init; }
    public string? GE_eventTime { get; init; }
    public string? LT_eventTime { get; init; }
    public string? GE_recordTime { get; init; }
    public string? EQ_bizStep { get; init; }
    public string? EQ_disposition { get; init; }
    public string? EQ_bizLocation { get; init; }
    public string? MATCH_epc { get; init; }
    public string? MATCH_anyEPC { get; init; }
    public string? MATCH_epcClass { get; init; }
    public string? EQ_eventID { get; init; }
    public string? PerPage { get; init; }
    public string? NextPageToken { get; init; }
}

/// <summary>One page: the EPCISQueryDocument, and the token of the next page when there is one.</summary>
public sealed record EpcisQueryPage(JsonObject Document, string? NextPageToken);

public sealed class QueryEpcisEventsHandler(ILedgerEventQuery events, ILedgerStore ledger, IActorContext context, TimeProvider clock)
    : IRequestHandler<QueryEpcisEvents, EpcisQueryPage>
{
    public const int DefaultPerPage = 100;
    public const int MaxPerPage = 1000;
    // Filters the store cannot apply (bizStep, disposition) are applied after reading; a page reads at most this many events.
    // EQ_eventID is the store's (each pack event's hash ID is stored, indexed): /epcis/events/{eventID} reads one row.
    private const int ScanLimit = 20_000;

    public async ValueTask<EpcisQueryPage> Handle(QueryEpcisEvents request, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        var perPage = DefaultPerPage;
        if (q.PerPage is { Length: > 0 } pp && (!int.TryParse(pp, NumberStyles.None, CultureInfo.InvariantCulture, out perPage) || perPage < 1 || perPage > MaxPerPage))
            Fail("perPage", $"perPage must be a whole number from 1 to {MaxPerPage}.");
        long? after = null;
        if (q.NextPageToken is { Length: > 0 } token)
        {
            if (long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var t)) after = t;
            else Fail("nextPageToken", "nextPageToken is not one this server gave out.");
        }
        var types = List(q.EventType);
        string[] known = ["ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"];
        if (types.FirstOrDefault(t => !known.Contains(t)) is { } unknownType)
            Fail("eventType", $"'{unknownType}' is not an EPCIS event type; use one of {string.Join(", ", known)}.");
        var from = Time(q.GE_eventTime, "GE_eventTime", Fail);
        var before = Time(q.LT_eventTime, "LT_eventTime", Fail);
        var recorded = Time(q.GE_recordTime, "GE_recordTime", Fail);
        string? actor = null;
        if (q.EQ_bizLocation is { Length: > 0 } location)
        {
            if (EpcUris.TryParseGln(location, out var gln)) actor = gln;
            else Fail("EQ_bizLocation", $"'{location}' is not a location DrugTrace knows: give an SGLN URN or a GLN Digital Link (https://id.gs1.org/414/...).");
        }
        var packs = new List<PackFilter>();
        foreach (var (name, value) in new[] { ("MATCH_epc", q.MATCH_epc), ("MATCH_anyEPC", q.MATCH_anyEPC) })
        {
            foreach (var epc in List(value))
            {
                if (EpcUris.TryParseSgtin(epc, out var gtin, out var serial)) packs.Add(new PackFilter(gtin, serial));
                else if (EpcUris.TryParseClass(epc, out var g, out var l) && l is null) packs.Add(new PackFilter(g));
                else Fail(name, $"'{epc}' is not a pack's EPC: give an SGTIN (urn:epc:id:sgtin:..., urn:epc:idpat:sgtin:...) or a Digital Link with /01/ and /21/.");
            }
        }
        foreach (var epcClass in List(q.MATCH_epcClass))
        {
            if (EpcUris.TryParseClass(epcClass, out var gtin, out var lot)) packs.Add(new PackFilter(gtin, Lot: lot));
            else Fail("MATCH_epcClass", $"'{epcClass}' is not a product class: give an LGTIN, an SGTIN pattern or a Digital Link with /01/.");
        }
        if (errors.Count > 0) throw new ValidationException(errors);

        var bizSteps = List(q.EQ_bizStep).Select(Cbv.BizStep.ToWebUri).ToHashSet(StringComparer.Ordinal);
        var dispositions = List(q.EQ_disposition).Select(Cbv.Disposition.ToWebUri).ToHashSet(StringComparer.Ordinal);
        var eventIds = List(q.EQ_eventID).ToHashSet(StringComparer.Ordinal);
        var matches = new List<JsonObject>();
        string? next = null;
        // Pack events are ObjectEvents, packing and unpacking AggregationEvents: a query for other types finds nothing.
        if (types.Count == 0 || types.Contains("ObjectEvent") || types.Contains("AggregationEvent"))
        {
            var actorParty = context.Actor;
            var query = new LedgerEventQuery
            {
                VisibleTo = actorParty.Role == PartyRole.Regulator ? null : actorParty.Gln,
                Packs = packs, Actor = actor, OccurredFrom = from, OccurredBefore = before, RecordedFrom = recorded, EventIds = [.. eventIds],
                AfterLogIndex = after, Take = perPage + 1,
            };
            var scanned = 0;
            var cache = new Dictionary<(string, string), (string Lot, DateOnly Expiry)>();
            while (matches.Count <= perPage && scanned < ScanLimit)
            {
                var batch = await events.QueryAsync(query, cancellationToken);
                foreach (var stored in batch)
                {
                    var e = stored.Event;
                    if (!cache.TryGetValue((e.Gtin, e.Key), out var pack))
                    {
                        var state = await ledger.FindPackAsync(e.Gtin, e.Key, cancellationToken);
                        pack = state is null ? (e.Lot ?? "", e.Expiry ?? default) : (state.Lot, state.Expiry);
                        cache[(e.Gtin, e.Key)] = pack;
                    }
                    var ev = PackEpcisEvents.ToEpcisEvent(PackEpcisEvents.Facts(e, pack.Lot, pack.Expiry));
                    if (types.Count > 0 && !types.Contains((string)ev["type"]!)) continue;
                    if (bizSteps.Count > 0 && !bizSteps.Contains(Cbv.BizStep.ToWebUri((string)ev["bizStep"]!))) continue;
                    if (dispositions.Count > 0 && (ev["disposition"] is null || !dispositions.Contains(Cbv.Disposition.ToWebUri((string)ev["disposition"]!)))) continue;
                    if (eventIds.Count > 0 && !eventIds.Contains((string)ev["eventID"]!)) continue;
                    if (matches.Count == perPage)
                    {
                        next = query.AfterLogIndex?.ToString(CultureInfo.InvariantCulture);
                        break;
                    }
                    matches.Add(ev);
                    query = query with { AfterLogIndex = stored.LogIndex };
                }
                if (next is not null || batch.Count < query.Take) break;
                scanned += batch.Count;
                if (batch.Count > 0) query = query with { AfterLogIndex = batch[^1].LogIndex };
            }
            // The scan stopped before the end of the log: the next page goes on from where it stopped.
            if (next is null && scanned >= ScanLimit) next = query.AfterLogIndex?.ToString(CultureInfo.InvariantCulture);
        }
        return new EpcisQueryPage(EpcisDocuments.QueryDocument(matches, clock.GetUtcNow()), next);
    }

    private static List<string> List(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [.. value.Split(['|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static DateTimeOffset? Time(string? value, string name, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
        fail(name, $"{name} must be an ISO 8601 date and time, such as 2026-01-31T12:00:00Z; '{value}' is not.");
        return null;
    }
}
