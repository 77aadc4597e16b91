using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Dispensing;

/// <summary>Dispenses a pack to a patient: it leaves the supply chain; two pharmacies can never both dispense it.</summary>
public sealed record DispensePack(string ActorGln, string Code, DateTimeOffset? ScannedAt = null) : IRequest<ScanOutcome>, IActorRequest;

public sealed class DispensePackHandler(PackHandoffs handoffs, IActorContext context) : IRequestHandler<DispensePack, ScanOutcome>
{
    public ValueTask<ScanOutcome> Handle(DispensePack request, CancellationToken cancellationToken) =>
        handoffs.HandleScanAsync(context.Actor, request.Code, new PackCommand(PackAction.Dispense), request.ScannedAt, cancellationToken);
}
