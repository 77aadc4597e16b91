using System.Security.Claims;
using System.Text.Json.Nodes;
using DrugTrace.Application.Epcis;
using DrugTrace.Domain.Epcis;
using DrugTrace.Web.Infrastructure;
using Mediator;

namespace DrugTrace.Web.Endpoints;

/// <summary>GS1 EPCIS 2.0: a pack's history as an EPCIS document.</summary>
public static class EpcisEndpoints
{
    public const string LdJson = "application/ld+json";

    public static RouteGroupBuilder MapEpcisExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/packs/{gtin}/{serial}/epcis", async (string gtin, string serial, ClaimsPrincipal user, IMediator mediator, HttpContext http, CancellationToken ct) =>
                Document(http, await mediator.Send(new ExportPackEpcis(user.GlnOf(), gtin, serial), ct)))
            .WithTags("EPCIS")
            .WithSummary("A pack's history as an EPCIS 2.0 EPCISDocument (JSON-LD): one ObjectEvent per ledger event (an AggregationEvent for packing into or unpacking from a case), with CBV 2.0 event hash IDs.")
            .Produces<JsonObject>(200, LdJson)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(404);
        return api;
    }

    /// <summary>The EPCIS 2.0 REST binding: queries (capture is added beside them).</summary>
    public static WebApplication MapEpcisEndpoints(this WebApplication app)
    {
        var epcis = app.MapGroup("/epcis").RequireAuthorization().WithTags("EPCIS")
            .AddEndpointFilter(async (context, next) =>
            {
                // Every answer says which versions DrugTrace speaks; a query in another one is refused as a capture is.
                VersionHeaders(context.HttpContext);
                return UnsupportedVersion(context.HttpContext.Request) ?? await next(context);
            });
        epcis.MapGet("/events", (HttpContext http, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                Query(http, mediator, user, FromQueryString(http.Request.Query), ct))
            .WithSummary("EPCIS events matching the standard query parameters (eventType, GE_eventTime, LT_eventTime, GE_recordTime, EQ_bizStep, "
                + "EQ_disposition, EQ_bizLocation, MATCH_epc, MATCH_anyEPC, MATCH_epcClass, EQ_eventID, perPage, nextPageToken), as an EPCISQueryDocument.")
            .Produces<JsonObject>(200, LdJson).ProducesProblem(400).ProducesProblem(401);
        epcis.MapGet("/events/{eventID}", async (string eventID, HttpContext http, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                // A '/' encoded as %2F stays encoded in a route value.
                eventID = Uri.UnescapeDataString(eventID);
                var query = new EpcisQuery { EQ_eventID = eventID };
                var page = await mediator.Send(new QueryEpcisEvents(user.GlnOf(), query), ct);
                var events = EventList(page);
                // A page reads a bounded stretch of the log: follow the pages to the event or the end of the log.
                while (events.Count == 0 && page.NextPageToken is { } next)
                {
                    page = await mediator.Send(new QueryEpcisEvents(user.GlnOf(), query with { NextPageToken = next }), ct);
                    events = EventList(page);
                }
                if (events.Count == 0)
                    return Results.Problem(statusCode: 404, title: "Not found", detail: $"No event {eventID} that you may see.");
                VersionHeaders(http);
                return Results.Text(events[0]!.ToJsonString(), LdJson);
            })
            .WithSummary("One event by its eventID (the CBV 2.0 event hash ID, URL-encoded).")
            .Produces<JsonObject>(200, LdJson).ProducesProblem(400).ProducesProblem(401).ProducesProblem(404);
        epcis.MapGet("/epcs/{epc}/events", (string epc, HttpContext http, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                Query(http, mediator, user, FromQueryString(http.Request.Query) with { MATCH_epc = Uri.UnescapeDataString(epc) }, ct))
            .WithSummary("The events of one EPC (a pack's Digital Link or SGTIN URN, URL-encoded).")
            .Produces<JsonObject>(200, LdJson).ProducesProblem(400).ProducesProblem(401);
        return app;
    }

    private static JsonArray EventList(EpcisQueryPage page) =>
        page.Document["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray();

    private static async Task<IResult> Query(HttpContext http, IMediator mediator, ClaimsPrincipal user, EpcisQuery query, CancellationToken ct)
    {
        var page = await mediator.Send(new QueryEpcisEvents(user.GlnOf(), query), ct);
        if (page.NextPageToken is { } next)
        {
            var parameters = http.Request.Query.Where(p => p.Key != "nextPageToken")
                .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value.ToString())}")
                .Append($"nextPageToken={Uri.EscapeDataString(next)}");
            http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}?{string.Join('&', parameters)}>; rel=\"next\"";
        }
        return Document(http, page.Document);
    }

    private static EpcisQuery FromQueryString(IQueryCollection q)
    {
        string? Get(string name) => q.TryGetValue(name, out var v) ? string.Join(',', v.Where(s => s is not null)) : null;
        return new EpcisQuery
        {
            EventType = Get("eventType"),
            GE_eventTime = Get("GE_eventTime"),
            LT_eventTime = Get("LT_eventTime"),
            GE_recordTime = Get("GE_recordTime"),
            EQ_bizStep = Get("EQ_bizStep"),
            EQ_disposition = Get("EQ_disposition"),
            EQ_bizLocation = Get("EQ_bizLocation"),
            MATCH_epc = Get("MATCH_epc"),
            MATCH_anyEPC = Get("MATCH_anyEPC"),
            MATCH_epcClass = Get("MATCH_epcClass"),
            EQ_eventID = Get("EQ_eventID"),
            PerPage = Get("perPage"),
            NextPageToken = Get("nextPageToken"),
        };
    }

    /// <summary>An EPCIS document as JSON-LD with the standard version headers.</summary>
    public static IResult Document(HttpContext http, JsonObject document)
    {
        VersionHeaders(http);
        return Results.Text(document.ToJsonString(), LdJson);
    }

    /// <summary>A 400 problem for a GS1-EPCIS-Version or GS1-CBV-Version header other than 2.0, or null.</summary>
    public static IResult? UnsupportedVersion(HttpRequest request)
    {
        if (Header(request, "GS1-EPCIS-Version") is { } version && !version.StartsWith("2.0", StringComparison.Ordinal))
            return Results.Problem(statusCode: 400, title: "Unsupported EPCIS version",
                detail: $"GS1-EPCIS-Version {version} is not supported; DrugTrace speaks EPCIS 2.0.", type: CaptureEndpoints.ValidationException);
        if (Header(request, "GS1-CBV-Version") is { } cbv && !cbv.StartsWith("2.0", StringComparison.Ordinal))
            return Results.Problem(statusCode: 400, title: "Unsupported CBV version",
                detail: $"GS1-CBV-Version {cbv} is not supported; DrugTrace speaks CBV 2.0.", type: CaptureEndpoints.ValidationException);
        return null;
    }

    public static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var v) && v.ToString() is { Length: > 0 } s ? s.Trim() : null;

    public static void VersionHeaders(HttpContext http)
    {
        http.Response.Headers["GS1-EPCIS-Version"] = EpcisDocuments.SchemaVersion;
        http.Response.Headers["GS1-CBV-Version"] = EpcisDocuments.CbvVersion;
    }
}
