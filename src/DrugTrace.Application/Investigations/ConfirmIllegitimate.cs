using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using Mediator;

namespace DrugTrace.Application.Investigations;

/// <summary>
/// Ends a quarantine by confirming the pack illegitimate: it is decommissioned for good and a
/// critical ConfirmedIllegitimate alert goes to the regulators and the brand owner, due to be
/// notified within 24 hours (DSCSA). By the party that quarantined it, or a regulator.
/// </summary>
public sealed record ConfirmIllegitimate(string ActorGln, string Code, string? Note) : IRequest<ScanOutcome>, IActorRequest;

public sealed class ConfirmIllegitimateValidator : IValidator<ConfirmIllegitimate>
{
    public IEnumerable<(string Field, string Message)> Validate(ConfirmIllegitimate request) => QuarantinePackValidator.NoteErrors(request.Note);
}

public sealed class ConfirmIllegitimateHandler(PackHandoffs handoffs, InvestigationGuard guard, IActorContext context)
    : IRequestHandler<ConfirmIllegitimate, ScanOutcome>
{
    public ValueTask<ScanOutcome> Handle(ConfirmIllegitimate request, CancellationToken cancellationToken) =>
        guard.ScanAsync(handoffs, context.Actor, request.Code, new PackCommand(PackAction.ConfirmIllegitimate, Note: request.Note), cancellationToken);
}
