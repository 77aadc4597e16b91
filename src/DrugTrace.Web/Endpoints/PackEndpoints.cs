using System.Security.Claims;
using DrugTrace.Application.Packs;
using DrugTrace.Web.Infrastructure;
using Mediator;

namespace DrugTrace.Web.Endpoints;

public static class PackEndpoints
{
    public static RouteGroupBuilder MapPackEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/packs/{gtin}/{serial}", (string gtin, string serial, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetPackHistory(user.GlnOf(), gtin, serial), ct))
            .WithTags("Packs")
            .WithSummary("A pack and its hash chain, re-verified (regulator, brand owner, or a party it passed through).");
        api.MapGet("/packs/{gtin}/{serial}/proof", DownloadProofAsync)
            .WithTags("Packs")
            .WithSummary("The pack's proof bundle: its events, their inclusion proofs and the cosigned checkpoint, for `drugtrace verify-bundle` offline.");
        return api;
    }

    /// <summary>The same download for the browser UI's "Download proof" button, signed in with the cookie.</summary>
    public static WebApplication MapPackProofDownload(this WebApplication app)
    {
        app.MapGet("/packs/{gtin}/{serial}/proof.json", DownloadProofAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadProofAsync(string gtin, string serial, ClaimsPrincipal user, IMediator mediator, HttpContext http, CancellationToken ct)
    {
        var proof = await mediator.Send(new GetPackProof(user.GlnOf(), gtin, serial), ct);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"proof-{proof.Gtin}-{Uri.EscapeDataString(proof.Serial)}.json\"";
        return Results.Text(proof.Json, "application/json");
    }
}
