using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Alerts;

/// <summary>A regulator moves an alert along Open -> Investigating -> Closed (with a resolution), with notes.</summary>
public sealed record UpdateAlert(string ActorGln, long Id, string? Status, string? Resolution, string? Note)
    : IRequest<AlertDto>, IActorRequest;

public sealed class UpdateAlertValidator : IValidator<UpdateAlert>
{
    public IEnumerable<(string Field, string Message)> Validate(UpdateAlert request)
    {
        if (request.Status is not null && !AlertText.TryParseStatus(request.Status, out _))
            yield return ("status", $"'{request.Status}' is not an alert status; use open, investigating or closed.");
        if (request.Resolution is not null && !AlertText.TryParseResolution(request.Resolution, out _))
            yield return ("resolution", $"'{request.Resolution}' is not a resolution; use false-positive, scanning-error, confirmed-falsified, diversion or other.");
        if (FreeText.Error("note", request.Note, 2000) is { } note) yield return ("note", note);
    }
}

public sealed class UpdateAlertHandler(IAlertStore store, IActorContext context, IPublisher publisher, TimeProvider clock)
    : IRequestHandler<UpdateAlert, AlertDto>
{
    public async ValueTask<AlertDto> Handle(UpdateAlert request, CancellationToken cancellationToken)
    {
        var alert = await store.GetAsync(request.Id, cancellationToken)
            ?? throw new NotFoundException($"No alert {request.Id}.");
        var status = AlertText.TryParseStatus(request.Status, out var s) ? s : alert.Status;
        // A note on a closed alert keeps its resolution.
        AlertResolution? resolution = AlertText.TryParseResolution(request.Resolution, out var r) ? r
            : status == alert.Status ? alert.Resolution : null;
        var (updated, error) = AlertLifecycle.Change(alert, status, resolution, request.Note, context.Actor.Gln, clock.GetUtcNow());
        if (updated is null) throw new ValidationException("status", error!);
        if (!await store.TryUpdateAsync(updated, cancellationToken))
            throw new ConflictException($"Alert {request.Id} was changed by someone else meanwhile; reload it and try again.");
        await publisher.Publish(new AlertUpdated(updated), CancellationToken.None);
        return AlertDto.From(updated);
    }
}
