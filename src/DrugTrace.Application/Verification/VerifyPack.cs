using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Verification;

/// <summary>Checks that a scanned pack is genuine and may be supplied; recorded, but custody does not change.</summary>
public sealed record VerifyPack(string ActorGln, string Code, DateTimeOffset? ScannedAt = null) : IRequest<ScanOutcome>, IActorRequest;

public sealed class VerifyPackHandler(PackHandoffs handoffs, IActorContext context) : IRequestHandler<VerifyPack, ScanOutcome>
{
    public ValueTask<ScanOutcome> Handle(VerifyPack request, CancellationToken cancellationToken) =>
        handoffs.HandleScanAsync(context.Actor, request.Code, new PackCommand(PackAction.Verify), request.ScannedAt, cancellationToken);
}
