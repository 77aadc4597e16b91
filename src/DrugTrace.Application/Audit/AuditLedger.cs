using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Audit;

/// <summary>
/// A regulator recomputes every chain and the global log and gets each broken link by pack and
/// seq. Every broken chain also becomes an IntegrityViolation alert (one per chain, repeats of
/// later audits only count up).
/// </summary>
public sealed record AuditLedger(string ActorGln, IProgress<long>? Progress = null) : IRequest<AuditReport>, IActorRequest;

public sealed record AuditReport(long Packs, long Events, IReadOnlyList<AuditViolation> Violations)
{
    public bool IsValid => Violations.Count == 0;
}

public sealed class AuditLedgerHandler(ILedgerStore ledger, ICatalogStore catalog, AlertRaiser alerts, IActorContext context)
    : IRequestHandler<AuditLedger, AuditReport>
{
    // A wrecked database could break every chain; a few hundred alerts already say so.
    private const int MaxAlerts = 500;

    public async ValueTask<AuditReport> Handle(AuditLedger request, CancellationToken cancellationToken)
    {
        var auditor = new ChainAuditor();
        await ledger.AuditAsync(auditor, request.Progress, cancellationToken);
        foreach (var chain in auditor.Violations.GroupBy(v => (v.Stream, v.Gtin, v.Key)).Take(MaxAlerts))
        {
            var first = chain.First();
            var brandOwner = (await catalog.FindProductAsync(first.Gtin, cancellationToken))?.Manufacturer;
            var subject = new AlertSubject("audit", $"audit:{first.Stream.ToString().ToLowerInvariant()}/{first.Gtin}/{first.Key}",
                null, first.Gtin, first.Key, context.Actor.Gln, brandOwner, ProbableScanningError: false);
            await alerts.RaiseAsync(subject, [IntegrityViolationRule.Check(first)], cancellationToken);
        }
        return new AuditReport(auditor.PackChains, auditor.Events, auditor.Violations);
    }
}
