using System.Security.Claims;
using DrugTrace.Application.Alerts;
using DrugTrace.Web.Endpoints.Contracts;
using DrugTrace.Web.Infrastructure;
using Mediator;

namespace DrugTrace.Web.Endpoints;

public static class AlertEndpoints
{
    public static RouteGroupBuilder MapAlertEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/alerts").WithTags("Alerts");
        group.MapGet("/", (string? status, string? kind, string? gtin, string? party, long? since, bool? scanningErrors, int? skip, int? take,
                    string? severity, bool? custodyExceptions, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var words = AlertFilterWords.Parse(status, kind, severity);
                return mediator.Send(new ListAlerts(user.GlnOf(), words.Status, words.Kind, gtin, party, since, scanningErrors ?? true, skip ?? 0, take ?? 100,
                    words.Severity, custodyExceptions), ct);
            })
            .WithSummary("Alerts you may see (regulators: all; a manufacturer: its brands; everyone: those it raised; a holder: custody exceptions on its packs). "
                + "since={id} returns every one after that id, oldest first, to catch up after a disconnect. "
                + "custodyExceptions=false leaves custody exceptions out (the counterfeit feed), true lists only them.");
        group.MapGet("/{id:long}", (long id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new GetAlert(user.GlnOf(), id), ct))
            .WithSummary("One alert with its lifecycle history.");
        group.MapPatch("/{id:long}", (long id, AlertChangeRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new UpdateAlert(user.GlnOf(), id, body.Status, body.Resolution, body.Note), ct))
            .WithSummary("Move an alert along open -> investigating -> closed (with a resolution), or add a note (regulator).");
        return api;
    }
}
