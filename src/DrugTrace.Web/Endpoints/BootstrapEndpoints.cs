using DrugTrace.Application.Parties;
using DrugTrace.Web.Endpoints.Contracts;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace DrugTrace.Web.Endpoints;

/// <summary>Production's first step: the first regulator, with the one-time key of <c>Bootstrap:RegulatorKey</c>.</summary>
public static class BootstrapEndpoints
{
    public const string KeyHeader = "X-Bootstrap-Key";

    public static RouteGroupBuilder MapBootstrapEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/bootstrap", async (NewRegulator body, [FromHeader(Name = KeyHeader)] string? key, IMediator mediator, CancellationToken ct) =>
            {
                var registered = await mediator.Send(new BootstrapRegulator(key, body.Gln ?? "", body.Name ?? ""), ct);
                return Results.Created($"/api/v1/parties/{registered.Party.Gln}", registered);
            })
            .AllowAnonymous()
            .WithTags("Parties")
            .WithSummary("Registers the first regulator of an empty store with the one-time key of Bootstrap:RegulatorKey (header X-Bootstrap-Key); "
                + "returns its API key once. Refused (409) once any regulator exists.");
        return api;
    }
}
