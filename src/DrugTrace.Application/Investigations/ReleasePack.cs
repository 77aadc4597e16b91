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
    public IEnumerable<(string Field, string Message)> Validate(ReleasePack request)
    {
        if (QuarantinePackValidator.NoteError("note", request.Note) is { } note) yield return ("reason", note);
    }
}

public sealed class ReleasePackHandler(PackHandoffs handoffs, InvestigationGuard guard, IActorContext context)
    : IRequestHandler<ReleasePack, ScanOutcome>
{
    public async ValueTask<ScanOutcome> Handle(ReleasePack request, CancellationToken cancellationToken)
    {
        var command = new PackCommand(PackAction.Release, Note: request.Note);
        await guard.CheckAsync(context.Actor, request.Code, command.Action, cancellationToken);
        return await handoffs.HandleAsync(context.Actor, request.Code, command, cancellationToken);
    }
}
