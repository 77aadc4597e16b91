using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using Mediator;

namespace DrugTrace.Application.Shipping;

/// <summary>Receives a pack shipped to the scanning party into its stock; a case's SSCC receives the case with everything in it.</summary>
public sealed record ReceivePack(string ActorGln, string Code, DateTimeOffset? ScannedAt = null) : IRequest<ScanOutcome>, IActorRequest;

public sealed class ReceivePackHandler(PackHandoffs handoffs, CaseMoves cases, IActorContext context, TimeProvider clock) : IRequestHandler<ReceivePack, ScanOutcome>
{
    public async ValueTask<ScanOutcome> Handle(ReceivePack request, CancellationToken cancellationToken) =>
        CaseCodes.TryRead(request.Code, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), out var sscc)
            ? await cases.MoveAsync(context.Actor, request.Code, sscc, PackAction.Receive, null, request.ScannedAt, cancellationToken)
            : await handoffs.HandleScanAsync(context.Actor, request.Code, new PackCommand(PackAction.Receive), request.ScannedAt, cancellationToken);
}
