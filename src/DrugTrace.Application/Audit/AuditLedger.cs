using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Audit;

/// <summary>
/// A regulator recomputes every chain and the global log, replays every chain through the
/// lifecycle rules against the stored rows, and holds the log's Merkle root to the latest
/// signed checkpoint. Each broken link is named by pack and seq (and field); every broken chain
/// also becomes an IntegrityViolation alert (one per chain, repeats of later audits only count up),
/// and so does a log that no longer matches its checkpoint.
/// </summary>
public sealed record AuditLedger(string ActorGln, IProgress<long>? Progress = null) : IRequest<AuditReport>, IActorRequest;

public sealed record AuditReport(long Packs, long Events, IReadOnlyList<AuditViolation> Violations)
{
    /// <summary>Problems of the log as a whole: its root or size against the latest signed checkpoint.</summary>
    public IReadOnlyList<string> LogProblems { get; init; } = [];

    /// <summary>The checkpoint the log was held to, if the log signed one.</summary>
    public long? CheckpointSize { get; init; }

    public bool IsValid => Violations.Count == 0 && LogProblems.Count == 0;
}

public sealed class AuditLedgerHandler(
    ILedgerStore ledger, ICatalogStore catalog, IPartyStore parties, AlertRaiser alerts, IActorContext context, CheckpointAudit? checkpoints = null)
    : IRequestHandler<AuditLedger, AuditReport>
{
    // A wrecked database could break every chain; a few hundred alerts already say so.
    private const int MaxAlerts = 500;

    public async ValueTask<AuditReport> Handle(AuditLedger request, CancellationToken cancellationToken)
    {
        var logProblems = new List<string>();
        (long Size, Hash256 Root)? expected = null;
        if (checkpoints is not null)
        {
            var (checkpoint, problem) = await checkpoints.LatestAsync(cancellationToken);
            if (problem is not null) logProblems.Add(problem);
            if (checkpoint is not null) expected = (checkpoint.Size, checkpoint.Root);
        }
        var replay = await LedgerReplay.StartAsync(parties, cancellationToken);
        var audit = await new LedgerAudit(ledger, replay).RunAsync(expected, request.Progress, cancellationToken);
        logProblems.AddRange(audit.LogProblems);
        var violations = audit.Violations;

        foreach (var chain in violations.GroupBy(v => (v.Stream, v.Gtin, v.Key)).Take(MaxAlerts))
        {
            var first = chain.First();
            var brandOwner = (await catalog.FindProductAsync(first.Gtin, cancellationToken))?.Manufacturer;
            var subject = new AlertSubject(AlertAction.Audit, $"audit:{first.Stream.ToString().ToLowerInvariant()}/{first.Gtin}/{first.Key}",
                null, first.Gtin, first.Key, context.Actor.Gln, brandOwner, ProbableScanningError: false);
            await alerts.RaiseAsync(subject, [IntegrityViolationRule.Check(first)], cancellationToken);
        }
        if (logProblems.Count > 0)
        {
            var subject = new AlertSubject(AlertAction.Audit, "audit:log", null, null, null, context.Actor.Gln, null, ProbableScanningError: false);
            await alerts.RaiseAsync(subject, [IntegrityViolationRule.CheckLog(logProblems[0])], cancellationToken);
        }
        return new AuditReport(audit.PackChains, audit.Events, violations) { LogProblems = logProblems, CheckpointSize = expected?.Size };
    }
}
