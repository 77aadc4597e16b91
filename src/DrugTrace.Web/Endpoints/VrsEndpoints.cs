using System.Security.Claims;
using DrugTrace.Application.Verification;
using DrugTrace.Web.Infrastructure;
using Mediator;

namespace DrugTrace.Web.Endpoints;

/// <summary>
/// The US DSCSA verification responder (GS1 Lightweight Messaging Standard for Verification of
/// Product Identifiers 1.1, GS1 US guideline 1.3): checkConnectivity, and verify in its path form
/// and as a GS1 Digital Link. Requesters authenticate with their API key.
/// </summary>
public static class VrsEndpoints
{
    public static WebApplication MapVrsEndpoints(this WebApplication app)
    {
        var vrs = app.MapGroup("/vrs").RequireAuthorization().WithTags("VRS");
        vrs.MapGet("/checkConnectivity", async (string? gtin, string? reqGLN, ClaimsPrincipal user, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                NoCache(http);
                return await mediator.Send(new CheckVrsConnectivity(user.GlnOf(), gtin, reqGLN), ct);
            })
            .WithSummary("Checks that DrugTrace answers verification requests for a GTIN; answers the responder's GLN (the brand owner).")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        vrs.MapGet("/verify/gtin/{gtin}/lot/{lot}/ser/{serial}", (string gtin, string lot, string serial, string? exp, string? linkType,
                    string? context, string? reqGLN, string? corrUUID, ClaimsPrincipal user, IMediator mediator, HttpContext http, CancellationToken ct) =>
                Verify(http, mediator, new VerifyForVrs(user.GlnOf(), gtin, lot, serial, exp, linkType, context, reqGLN, corrUUID), ct))
            .WithSummary("Verifies a product identifier (saleable returns): verified, or the failure reason; additionalInfo Recalled, Expired, Suspect or Illegitimate.")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);

        // The same request as a GS1 Digital Link: /01/{gtin}/10/{lot}/21/{serial}?17=YYMMDD.
        vrs.MapGet("/01/{gtin}/10/{lot}/21/{serial}", (string gtin, string lot, string serial, string? linkType,
                    string? context, string? reqGLN, string? corrUUID, ClaimsPrincipal user, IMediator mediator, HttpContext http, CancellationToken ct) =>
                Verify(http, mediator, new VerifyForVrs(user.GlnOf(), gtin, lot, serial, http.Request.Query["17"].ToString() is { Length: > 0 } exp ? exp : null,
                    linkType, context, reqGLN, corrUUID), ct))
            .WithSummary("Verifies a product identifier given as a GS1 Digital Link (expiry as ?17=YYMMDD).")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        return app;
    }

    private static async Task<VrsAnswer> Verify(HttpContext http, IMediator mediator, VerifyForVrs request, CancellationToken ct)
    {
        NoCache(http);
        return await mediator.Send(request, ct);
    }

    // Answers about one requester's stock must not be cached by anyone else.
    private static void NoCache(HttpContext http) => http.Response.Headers.CacheControl = "private, no-cache";
}
