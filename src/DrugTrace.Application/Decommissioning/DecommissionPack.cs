using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Decommissioning;

/// <summary>Takes a pack in the holder's stock out of the supply chain for a stated reason.</summary>
public sealed record DecommissionPack(string ActorGln, string Code, string? Reason, DateTimeOffset? ScannedAt = null) : IRequest<ScanOutcome>, IActorRequest;

public sealed class DecommissionPackValidator : IValidator<DecommissionPack>
{
    public IEnumerable<(string Field, string Message)> Validate(DecommissionPack request)
    {
        if (!PackLifecycle.TryParseReason(request.Reason, out _))
            yield return ("reason", $"'{request.Reason}' is not a decommission reason; use one of: {ReasonList}.");
    }

    internal static string ReasonList => string.Join(", ", Enum.GetValues<DecommissionReason>().Select(PackLifecycle.ReasonText));
}

public sealed class DecommissionPackHandler(PackHandoffs handoffs, IActorContext context) : IRequestHandler<DecommissionPack, ScanOutcome>
{
    public ValueTask<ScanOutcome> Handle(DecommissionPack request, CancellationToken cancellationToken)
    {
        if (!PackLifecycle.TryParseReason(request.Reason, out var reason))
            throw new ValidationException("reason", $"'{request.Reason}' is not a decommission reason.");
        return handoffs.HandleScanAsync(context.Actor, request.Code, new PackCommand(PackAction.Decommission, Reason: reason), request.ScannedAt, cancellationToken);
    }
}
