using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>An audit found a broken link: the ledger itself was altered.</summary>
public static class IntegrityViolationRule
{
    public static Finding Check(AuditViolation violation) =>
        new(AlertKind.IntegrityViolation,
            $"The ledger was altered: {violation.Stream.ToString().ToLowerInvariant()} {violation.Gtin}/{violation.Key}, seq {violation.Seq}: {violation.Problem}.");
}
