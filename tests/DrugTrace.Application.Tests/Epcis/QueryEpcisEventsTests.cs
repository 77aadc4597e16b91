using System.Text.Json.Nodes;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Epcis;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Epcis;

/// <summary>The EPCIS query's parameters in their words, what it asks the store, the filters it applies itself, and its pages.</summary>
public sealed class QueryEpcisEventsTests
{
    private readonly TestWorld _world = new();
    private readonly InMemoryLedgerEventQuery _store;
    private IReadOnlyList<string> _serials = [];

    public QueryEpcisEventsTests() => _store = new InMemoryLedgerEventQuery(_world.Ledger);

    /// <summary>Three packs commissioned; the first shipped to the wholesaler and received: five pack events.</summary>
    private async Task SetUpAsync()
    {
        _serials = (await _world.CommissionAsync("LOT42", 3)).Serials;
        await _world.ScanAsync(Maker, Code(_serials[0]), new PackCommand(PackAction.Ship, Wholesaler.Gln));
        await _world.ScanAsync(Wholesaler, Code(_serials[0]), new PackCommand(PackAction.Receive));
    }

    private async Task<(List<JsonObject> Events, string? Next)> QueryAsync(EpcisQuery query, Party? actor = null)
    {
        var who = actor ?? Regulator;
        var page = await new QueryEpcisEventsHandler(_store, _world.Ledger, ContextFor(who), _world.Clock).Handle(new QueryEpcisEvents(who.Gln, query), default);
        Assert.Equal("EPCISQueryDocument", (string?)page.Document["type"]);
        var list = page.Document["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray();
        return ([.. list.Select(e => e!.AsObject())], page.NextPageToken);
    }

    private async Task<IReadOnlyDictionary<string, string[]>> RefusedAsync(EpcisQuery query) =>
        (await Assert.ThrowsAsync<ValidationException>(() => QueryAsync(query))).Errors;

    private static string Step(JsonObject e) => (string)e["bizStep"]!;

    private IEnumerable<StoredEvent> PackEvents => _world.Ledger.Log.Where(s => s.Event.Stream == StreamKind.Pack);

    [Fact]
    public async Task A_regulator_gets_every_pack_event_in_log_order_on_one_page()
    {
        await SetUpAsync();

        var (events, next) = await QueryAsync(new EpcisQuery());

        Assert.Equal(5, events.Count);
        Assert.Null(next);
        Assert.Equal(PackEvents.Select(s => s.Event.Type == EventType.Shipped), events.Select(e => Step(e).EndsWith("shipping", StringComparison.Ordinal)));
        var asked = Assert.Single(_store.Queries);
        Assert.Equal((null, QueryEpcisEventsHandler.DefaultPerPage + 1, (long?)null), (asked.VisibleTo, asked.Take, asked.AfterLogIndex));
        Assert.Empty(asked.Packs);
    }

    [Fact]
    public async Task Any_other_party_asks_for_the_events_visible_to_it()
    {
        await SetUpAsync();
        await QueryAsync(new EpcisQuery(), Wholesaler);
        Assert.Equal(Wholesaler.Gln, Assert.Single(_store.Queries).VisibleTo);
    }

    [Fact]
    public async Task Pages_follow_each_other_with_the_token_until_the_last()
    {
        await SetUpAsync();
        var all = (await QueryAsync(new EpcisQuery())).Events.Select(e => (string)e["eventID"]!).ToList();

        var (first, token) = await QueryAsync(new EpcisQuery { PerPage = "2" });
        Assert.Equal(all[..2], first.Select(e => (string)e["eventID"]!));
        Assert.Equal(PackEvents.ElementAt(1).LogIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), token);
        Assert.Equal(3, _store.Queries[^1].Take);

        var (second, token2) = await QueryAsync(new EpcisQuery { PerPage = "2", NextPageToken = token });
        Assert.Equal(all[2..4], second.Select(e => (string)e["eventID"]!));
        var (third, token3) = await QueryAsync(new EpcisQuery { PerPage = "2", NextPageToken = token2 });
        Assert.Equal(all[4..], third.Select(e => (string)e["eventID"]!));
        Assert.Null(token3);
    }

    [Fact]
    public async Task A_page_exactly_full_at_the_end_has_no_next_token()
    {
        await SetUpAsync();
        var (events, next) = await QueryAsync(new EpcisQuery { PerPage = "5" });
        Assert.Equal(5, events.Count);
        Assert.Null(next);
        var (four, more) = await QueryAsync(new EpcisQuery { PerPage = "4" });
        Assert.Equal(4, four.Count);
        Assert.NotNull(more);
    }

    [Fact]
    public async Task BizStep_and_disposition_are_filtered_in_either_spelling()
    {
        await SetUpAsync();

        var shipped = (await QueryAsync(new EpcisQuery { EQ_bizStep = "shipping" })).Events;
        Assert.Equal(Cbv.BizStep.ToWebUri("shipping"), Cbv.BizStep.ToWebUri(Step(Assert.Single(shipped))));
        Assert.Single((await QueryAsync(new EpcisQuery { EQ_bizStep = "urn:epcglobal:cbv:bizstep:shipping" })).Events);
        Assert.Equal(2, (await QueryAsync(new EpcisQuery { EQ_bizStep = "shipping|receiving" })).Events.Count);

        var inTransit = (await QueryAsync(new EpcisQuery { EQ_disposition = "in_transit" })).Events;
        Assert.Equal((string)shipped[0]["eventID"]!, (string)Assert.Single(inTransit)["eventID"]!);
        Assert.Empty((await QueryAsync(new EpcisQuery { EQ_disposition = "destroyed" })).Events);
    }

    [Fact]
    public async Task A_filter_that_drops_whole_batches_reads_on_and_a_page_full_at_a_batchs_end_still_gets_its_token()
    {
        // Four commissionings, then three shipments: with perPage 2 the store is read 3 events at a time,
        // C C C | C S1 S2 | S3: the first batch has no match, the second ends on the page's last one.
        var serials = (await _world.CommissionAsync("LOT42", 4)).Serials;
        foreach (var serial in serials.Take(3))
            await _world.ScanAsync(Maker, Code(serial), new PackCommand(PackAction.Ship, Wholesaler.Gln));
        var shipments = PackEvents.Where(s => s.Event.Type == EventType.Shipped).ToList();

        var (events, next) = await QueryAsync(new EpcisQuery { EQ_bizStep = "shipping", PerPage = "2" });

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.EndsWith("shipping", Step(e), StringComparison.Ordinal));
        Assert.Equal(shipments[1].LogIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), next);
        Assert.Equal([null, PackEvents.ElementAt(2).LogIndex, shipments[1].LogIndex], _store.Queries.Select(q => q.AfterLogIndex));

        var (last, end) = await QueryAsync(new EpcisQuery { EQ_bizStep = "shipping", PerPage = "2", NextPageToken = next });
        Assert.EndsWith("shipping", Step(Assert.Single(last)), StringComparison.Ordinal);
        Assert.DoesNotContain((string)last[0]["eventID"]!, events.Select(e => (string)e["eventID"]!));
        Assert.Null(end);
    }

    [Fact]
    public async Task A_commissioning_event_states_its_packs_lot_and_expiry()
    {
        await SetUpAsync();

        var (events, _) = await QueryAsync(new EpcisQuery { EQ_bizStep = "commissioning" });

        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal(("LOT42", "2027-12-31"),
            ((string?)e["ilmd"]!["cbvmda:lotNumber"], (string?)e["ilmd"]!["cbvmda:itemExpirationDate"])));
    }

    [Fact]
    public async Task Event_types_are_read_with_spaces_and_empty_entries_left_out()
    {
        await SetUpAsync();
        Assert.Equal(5, (await QueryAsync(new EpcisQuery { EventType = "ObjectEvent, AggregationEvent" })).Events.Count);
        Assert.Equal(5, (await QueryAsync(new EpcisQuery { EventType = "ObjectEvent||" })).Events.Count);
    }

    [Fact]
    public async Task One_event_by_its_ID()
    {
        await SetUpAsync();
        var all = (await QueryAsync(new EpcisQuery())).Events;
        var id = (string)all[3]["eventID"]!;

        var (events, _) = await QueryAsync(new EpcisQuery { EQ_eventID = id });

        Assert.Equal(id, (string)Assert.Single(events)["eventID"]!);
        Assert.Equal([id], _store.Queries[^1].EventIds);
    }

    [Fact]
    public async Task Event_types_DrugTrace_does_not_write_find_nothing_without_asking_the_store()
    {
        await SetUpAsync();
        Assert.Empty((await QueryAsync(new EpcisQuery { EventType = "TransactionEvent|TransformationEvent" })).Events);
        Assert.Empty(_store.Queries);
        Assert.Equal(5, (await QueryAsync(new EpcisQuery { EventType = "ObjectEvent" })).Events.Count);
        Assert.Empty((await QueryAsync(new EpcisQuery { EventType = "AggregationEvent" })).Events);
        Assert.Equal(2, _store.Queries.Count);
    }

    [Fact]
    public async Task EPCs_classes_locations_and_times_are_handed_to_the_store()
    {
        await SetUpAsync();
        var query = new EpcisQuery
        {
            MATCH_epc = EpcUris.Sgtin(Gtin, _serials[0]),
            MATCH_anyEPC = $"urn:epc:idpat:sgtin:9506000.013435.*",
            MATCH_epcClass = EpcUris.Lgtin(Gtin, "LOT42"),
            EQ_bizLocation = EpcUris.Location(Wholesaler.Gln),
            GE_eventTime = "2026-03-14T09:00:00Z",
            LT_eventTime = "2026-03-15",
            GE_recordTime = " 2026-03-14T10:00:00+01:00 ",
        };

        await QueryAsync(query);

        var asked = Assert.Single(_store.Queries);
        Assert.Equal([new PackFilter(Gtin, _serials[0]), new PackFilter(Gtin), new PackFilter(Gtin, Lot: "LOT42")], asked.Packs);
        Assert.Equal(Wholesaler.Gln, asked.Actor);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero), asked.OccurredFrom);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero), asked.OccurredBefore);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero), asked.RecordedFrom);
    }

    [Fact]
    public async Task A_pack_whose_serial_is_a_dot_segment_is_asked_for_by_its_serial_and_has_an_event_ID_of_its_own()
    {
        await _world.CommissionAsync("LOT42", 2, serials: new QueueSerialGenerator(".", ".."));

        var (one, _) = await QueryAsync(new EpcisQuery { MATCH_epc = $"https://id.gs1.org/01/{Gtin}/21/." });
        Assert.Equal([new PackFilter(Gtin, ".")], _store.Queries[^1].Packs);
        var (two, _) = await QueryAsync(new EpcisQuery { MATCH_epc = EpcUris.Sgtin(Gtin, "..") });
        Assert.Equal([new PackFilter(Gtin, "..")], _store.Queries[^1].Packs);

        Assert.Equal(EpcUris.Sgtin(Gtin, "."), (string?)Assert.Single(one)["epcList"]![0]);
        Assert.Equal($"https://id.gs1.org/01/{Gtin}/21/%2E%2E", (string?)Assert.Single(two)["epcList"]![0]);
        Assert.NotEqual((string?)one[0]["eventID"], (string?)two[0]["eventID"]);
    }

    [Fact]
    public async Task Each_parameter_is_refused_in_its_words()
    {
        var errors = await RefusedAsync(new EpcisQuery
        {
            PerPage = "0", NextPageToken = "abc", EventType = "ObjectEvent,PackEvent", GE_eventTime = "soon", LT_eventTime = "later", GE_recordTime = "never",
            EQ_bizLocation = "the shop", MATCH_epc = "pack 1", MATCH_anyEPC = EpcUris.Lgtin(Gtin, "LOT42"), MATCH_epcClass = "paracetamol",
        });

        Assert.Equal(["perPage must be a whole number from 1 to 1000."], errors["perPage"]);
        Assert.Equal(["nextPageToken is not one this server gave out."], errors["nextPageToken"]);
        Assert.Equal(["'PackEvent' is not an EPCIS event type; use one of ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, AssociationEvent."], errors["eventType"]);
        Assert.Equal(["GE_eventTime must be an ISO 8601 date and time, such as 2026-01-31T12:00:00Z; 'soon' is not."], errors["GE_eventTime"]);
        Assert.Equal(["LT_eventTime must be an ISO 8601 date and time, such as 2026-01-31T12:00:00Z; 'later' is not."], errors["LT_eventTime"]);
        Assert.Equal(["GE_recordTime must be an ISO 8601 date and time, such as 2026-01-31T12:00:00Z; 'never' is not."], errors["GE_recordTime"]);
        Assert.Equal(["'the shop' is not a location DrugTrace knows: give an SGLN URN or a GLN Digital Link (https://id.gs1.org/414/...)."], errors["EQ_bizLocation"]);
        Assert.Equal(["'pack 1' is not a pack's EPC: give an SGTIN (urn:epc:id:sgtin:..., urn:epc:idpat:sgtin:...) or a Digital Link with /01/ and /21/."], errors["MATCH_epc"]);
        Assert.Equal([$"'{EpcUris.Lgtin(Gtin, "LOT42")}' is not a pack's EPC: give an SGTIN (urn:epc:id:sgtin:..., urn:epc:idpat:sgtin:...) or a Digital Link with /01/ and /21/."], errors["MATCH_anyEPC"]);
        Assert.Equal(["'paracetamol' is not a product class: give an LGTIN, an SGTIN pattern or a Digital Link with /01/."], errors["MATCH_epcClass"]);
        Assert.Empty(_store.Queries);
    }

    [Theory]
    [InlineData("1001")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("2.5")]
    public async Task PerPage_outside_1_to_1000_is_refused(string perPage) =>
        Assert.Contains("perPage", (await RefusedAsync(new EpcisQuery { PerPage = perPage })).Keys);

    [Theory]
    [InlineData("1", 1)]
    [InlineData("1000", 1000)]
    [InlineData("", QueryEpcisEventsHandler.DefaultPerPage)]
    public async Task PerPage_from_1_to_1000_is_taken(string perPage, int expected)
    {
        await QueryAsync(new EpcisQuery { PerPage = perPage });
        Assert.Equal(expected + 1, Assert.Single(_store.Queries).Take);
    }

    [Fact]
    public async Task A_negative_page_token_is_refused() =>
        Assert.Contains("nextPageToken", (await RefusedAsync(new EpcisQuery { NextPageToken = "-3" })).Keys);
}
