using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using Mediator;

namespace DrugTrace.Application.Cases;

/// <summary>
/// Opens a case or pallet the caller holds: each pack and case directly inside it moves on its own again
/// (a pallet's cases stay packed until they are unpacked too). An unknown SSCC and another party's case are
/// a 404 alike; a case in transit, inside a pallet or already unpacked is a 409. All or none.
/// </summary>
public sealed record UnpackCase(string ActorGln, string Sscc) : IRequest<CaseView>, IActorRequest;

public sealed class UnpackCaseHandler(ILedgerStore ledger, CaseReader reader, IActorContext context, TimeProvider clock)
    : IRequestHandler<UnpackCase, CaseView>
{
    public async ValueTask<CaseView> Handle(UnpackCase request, CancellationToken cancellationToken)
    {
        var actor = context.Actor;
        var sscc = CaseCodes.Read("sscc", request.Sscc);
        var before = await LostRaceRetry.RunAsync(async () =>
        {
            var found = await reader.FindVisibleAsync(actor, sscc, cancellationToken);
            var contents = await reader.ReadAsync(found, cancellationToken);
            var now = EventHasher.TruncateToMilliseconds(clock.GetUtcNow());
            return CaseLifecycle.Unpack(contents, actor, now) switch
            {
                CaseDecision.Refused refused => throw new ConflictException(refused.Message),
                CaseDecision.Accepted accepted => await ledger.TryAppendBatchAsync(CaseWrites.Of(accepted.Steps), cancellationToken)
                    ? contents with { Case = ((CaseStep.OfCase)accepted.Steps[^1]).State }
                    : null,
                _ => throw new InvalidOperationException("Unknown decision."),
            };
        });
        // What the case held as it was opened, with the case now unpacked.
        return CaseView.Of(before);
    }
}
