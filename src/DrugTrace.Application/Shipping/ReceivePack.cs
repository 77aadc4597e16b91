using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Shipping;

/// <summary>Receives a pack shipped to the scanning party into its stock.</summary>
public sealed record ReceivePack(string ActorGln, string Code, DateTimeOffset? ScannedAt = null) : IRequest<ScanOutcome>, IActorRequest;

public sealed class ReceivePackHandler(PackHandoffs handoffs, IActorContext context) : IRequestHandler<ReceivePack, ScanOutcome>
{
    public ValueTask<ScanOutcome> Handle(ReceivePack request, CancellationToken cancellationToken) =>
        handoffs.HandleScanAsync(context.Actor, request.Code, new PackCommand(PackAction.Receive), request.ScannedAt, cancellationToken);
}
