using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using Mediator;

namespace DrugTrace.Application.Investigations;

/// <summary>
/// Sets a suspect pack aside while it is investigated (DSCSA quarantine): nothing ships, receives
/// or dispenses it until it is released or confirmed illegitimate. The reason is required.
/// </summary>
public sealed record QuarantinePack(string ActorGln, string Code, string? Reason) : IRequest<ScanOutcome>, IActorRequest;

public sealed class QuarantinePackValidator : IValidator<QuarantinePack>
{
    public const int MaxReasonLength = 500;

    public IEnumerable<(string Field, string Message)> Validate(QuarantinePack request)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
            yield return ("reason", "Say why the pack is quarantined: what makes it suspect.");
        else if (NoteError("reason", request.Reason) is { } reason)
            yield return ("reason", reason);
    }

    /// <summary>The one free-text rule (one printable line), for every reason and note of an investigation.</summary>
    internal static string? NoteError(string field, string? text) => FreeText.Error(field, text?.Trim(), MaxReasonLength);

    /// <summary>A release's or confirmation's optional note, under that rule (reported as the reason, as the API always has).</summary>
    internal static IEnumerable<(string Field, string Message)> NoteErrors(string? note)
    {
        if (NoteError("note", note) is { } error) yield return ("reason", error);
    }
}

public sealed class QuarantinePackHandler(PackHandoffs handoffs, InvestigationGuard guard, IActorContext context)
    : IRequestHandler<QuarantinePack, ScanOutcome>
{
    public ValueTask<ScanOutcome> Handle(QuarantinePack request, CancellationToken cancellationToken) =>
        guard.ScanAsync(handoffs, context.Actor, request.Code, new PackCommand(PackAction.Quarantine, Note: request.Reason), cancellationToken);
}
