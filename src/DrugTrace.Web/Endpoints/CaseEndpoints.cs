using System.Security.Claims;
using DrugTrace.Application.Cases;
using DrugTrace.Web.Endpoints.Contracts;
using DrugTrace.Web.Infrastructure;
using DrugTrace.Web.Labels;
using Mediator;

namespace DrugTrace.Web.Endpoints;

/// <summary>Cases and pallets (SSCC aggregation): pack, look inside, unpack. Shipping and receiving one is a scan of its SSCC.</summary>
public static class CaseEndpoints
{
    public static RouteGroupBuilder MapCaseEndpoints(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapPost("", async (NewCase body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var packed = await mediator.Send(new PackCase(user.GlnOf(), body.Codes ?? [], body.Sscc), ct);
                return Results.Created($"/api/v1/cases/{packed.Sscc}", packed);
            })
            .WithSummary("Pack items you hold (pack codes, or SSCCs of your cases) into a new case or pallet, all or none; "
                + "the SSCC is made under your GS1 company prefix unless given. 201 with the case and its contents.");
        cases.MapGet("/{sscc}", (string sscc, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetCase(user.GlnOf(), sscc), ct))
            .WithSummary("A case or pallet and everything in it (its holder, recipient, packer, or a regulator).");
        cases.MapGet("/{sscc}/label.svg", async (string sscc, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var c = await mediator.Send(new GetCase(http.User.GlnOf(), sscc), ct);
                http.Response.Headers.ContentSecurityPolicy = SecurityHeaders.LabelPolicy;
                return Results.Text(CaseLabel.Svg(c), "image/svg+xml; charset=utf-8");
            })
            .WithTags("Labels")
            .WithSummary("A case's or pallet's label as SVG (100 x 50 mm): GS1 DataMatrix of AI 00 with the SSCC, the SSCC in words and what is inside.");
        cases.MapPost("/{sscc}/unpack", (string sscc, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UnpackCase(user.GlnOf(), sscc), ct))
            .WithSummary("Open a case you hold: what was directly inside moves on its own again. The answer lists what it held.");
        return api;
    }
}
