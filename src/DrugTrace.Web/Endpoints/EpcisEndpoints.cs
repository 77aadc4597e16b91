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
            .WithSummary("A pack's history as an EPCIS 2.0 EPCISDocument (JSON-LD): one ObjectEvent per ledger event, with CBV 2.0 event hash IDs.")
            .Produces<JsonObject>(200, LdJson);
        return api;
    }

    /// <summary>An EPCIS document as JSON-LD with the standard version headers.</summary>
    public static IResult Document(HttpContext http, JsonObject document)
    {
        VersionHeaders(http);
        return Results.Text(document.ToJsonString(), LdJson);
    }

    public static void VersionHeaders(HttpContext http)
    {
        http.Response.Headers["GS1-EPCIS-Version"] = EpcisDocuments.SchemaVersion;
        http.Response.Headers["GS1-CBV-Version"] = EpcisDocuments.CbvVersion;
    }
}
