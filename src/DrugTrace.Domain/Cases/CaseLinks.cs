using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Cases;

/// <summary>
/// The audit's check that parent and child agree: everything packed in a case names a case that exists
/// and is not unpacked, is where the case is (same holder, in transit together, to the same party), and
/// every case not unpacked holds something.
/// </summary>
public static class CaseLinks
{
    public static IReadOnlyList<AuditViolation> Check(IReadOnlyCollection<CaseState> cases, IEnumerable<PackState> packedPacks)
    {
        var bySscc = cases.ToDictionary(c => c.Sscc, StringComparer.Ordinal);
        var holding = new HashSet<string>(StringComparer.Ordinal);
        var violations = new List<AuditViolation>();
        foreach (var pack in packedPacks)
        {
            if (pack.Parent is not { } parent) continue;
            holding.Add(parent);
            var where = pack.Status switch
            {
                PackStatus.Active => CaseStatus.Active,
                PackStatus.InTransit => CaseStatus.InTransit,
                _ => (CaseStatus?)null,
            };
            foreach (var problem in Problems(bySscc.GetValueOrDefault(parent), parent, where, pack.Custodian, pack.ShipTo))
                violations.Add(new AuditViolation(StreamKind.Pack, pack.Gtin, pack.Serial, pack.Head.Seq, 0, problem));
        }
        foreach (var c in cases)
        {
            if (c.Parent is not { } parent) continue;
            holding.Add(parent);
            var where = c.Status == CaseStatus.Unpacked ? (CaseStatus?)null : c.Status;
            foreach (var problem in Problems(bySscc.GetValueOrDefault(parent), parent, where, c.Custodian, c.ShipTo))
                violations.Add(new AuditViolation(StreamKind.Case, "", c.Sscc, c.Head.Seq, 0, problem));
        }
        foreach (var c in cases.Where(c => c.Status != CaseStatus.Unpacked && !holding.Contains(c.Sscc)))
            violations.Add(new AuditViolation(StreamKind.Case, "", c.Sscc, c.Head.Seq, 0, "the case holds nothing: no pack or case names it as its parent"));
        return violations;
    }

    private static IEnumerable<string> Problems(CaseState? parent, string sscc, CaseStatus? childWhere, string custodian, string? shipTo)
    {
        if (parent is null) { yield return $"field parent: case {sscc} has no chain"; yield break; }
        if (parent.Status == CaseStatus.Unpacked) { yield return $"field parent: case {sscc} was unpacked"; yield break; }
        if (childWhere is null) yield return $"field status: it is no longer in the supply chain, but still packed in case {sscc}";
        else if (childWhere != parent.Status) yield return $"field status: it is {childWhere}, its case {sscc} is {parent.Status}";
        if (custodian != parent.Custodian) yield return $"field custodian: it is held by {custodian}, its case {sscc} by {parent.Custodian}";
        if (shipTo != parent.ShipTo) yield return $"field shipTo: it goes to {shipTo ?? "none"}, its case {sscc} to {parent.ShipTo ?? "none"}";
    }
}
