using DrugTrace.Domain.Ledger;

namespace DrugTrace.Application.Audit;

/// <summary>What <see cref="LedgerAudit"/> found: the chains and events it read, every violation in log order, and the log's own problems.</summary>
public sealed class LedgerAuditResult
{
    private readonly ChainAuditor _auditor;

    internal LedgerAuditResult(ChainAuditor auditor, IReadOnlyList<AuditViolation> violations)
    {
        _auditor = auditor;
        Violations = violations;
    }

    public long PackChains => _auditor.PackChains;

    /// <summary>Chains with at least one event, of every kind.</summary>
    public long Chains => _auditor.Chains;

    public long Events => _auditor.Events;

    public IReadOnlyList<AuditViolation> Violations { get; }

    /// <summary>Problems of the log as a whole: indexes no event holds, its size or root against the checkpoint.</summary>
    public IReadOnlyList<string> LogProblems => _auditor.LogViolations;

    public long LogSize => _auditor.LogSize;

    /// <summary>The root of the log's tree over all its events (folded when first asked for); null when an index holds no event.</summary>
    public Hash256? LogRoot => _auditor.LogRoot;

    public bool IsValid => Violations.Count == 0 && LogProblems.Count == 0;
}
