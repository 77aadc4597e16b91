using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using Mediator;

namespace DrugTrace.Application.Investigations;

/// <summary>Ends a quarantine: the pack goes back to the status it had. By the party that quarantined it, or a regulator.</summary>
public sealed record ReleasePack(string ActorGln, string Code, string? Note) : IRequest<ScanOutcome>, IActorRequest;

public sealed class ReleasePackValidator : IValidator<ReleasePack>
{
    public IEnumerable<(string Field, string Message)> Validate(ReleasePack request) => QuarantinePackValidator.NoteErrors(request.Note);
}

public sealed class ReleasePackHandler(PackHandoffs handoffs, InvestigationGuard guard, IActorContext context)
    : IRequestHandler<ReleasePack, ScanOutcome>
{
    public ValueTask<ScanOutcome> Handle(ReleasePack request, CancellationToken cancellationToken) =>
        guard.ScanAsync(handoffs, context.Actor, request.Code, new PackCommand(PackAction.Release, Note: request.Note), cancellationToken);
}
