using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>An audit found a broken link: the ledger itself was altered.</summary>
public static class IntegrityViolationRule
{
    public static Finding Check(AuditViolation violation) =>
        new(AlertKind.IntegrityViolation,
            $"The ledger was altered: {violation.Stream.ToString().ToLowerInvariant()} {violation.Gtin}/{violation.Key}, seq {violation.Seq}: {violation.Problem}.");

    /// <summary>The log as a whole no longer matches what it signed (or a witness refused it).</summary>
    public static Finding CheckLog(string problem) =>
        new(AlertKind.IntegrityViolation, $"The transparency log was altered: {problem}.");
}
