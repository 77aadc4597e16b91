using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Audit;

/// <summary>A regulator recomputes every chain and the global log and gets each broken link by pack and seq.</summary>
[Authorize(PartyRole.Regulator)]
public sealed record AuditLedger(string ActorGln, IProgress<long>? Progress = null) : IRequest<AuditReport>, IActorRequest;

public sealed record AuditReport(long Packs, long Events, IReadOnlyList<AuditViolation> Violations)
{
    public bool IsValid => Violations.Count == 0;
}

public sealed class AuditLedgerHandler(ILedgerStore ledger) : IRequestHandler<AuditLedger, AuditReport>
{
    public async ValueTask<AuditReport> Handle(AuditLedger request, CancellationToken cancellationToken)
    {
        var auditor = new ChainAuditor();
        await ledger.AuditAsync(auditor, request.Progress, cancellationToken);
        return new AuditReport(auditor.PackChains, auditor.Events, auditor.Violations);
    }
}
