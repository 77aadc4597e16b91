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
        // Each child that names a parent is checked against it (pattern tests, not `is not ... continue`, so that
        // Stryker can mutate this method: a removed `continue` would leave the variable unassigned and void them all).
        foreach (var pack in packedPacks)
            if (pack.Parent is { } parent)
                Link(parent, StreamKind.Pack, pack.Gtin, pack.Serial, pack.Head.Seq, Where(pack.Status), pack.Custodian, pack.ShipTo);
        foreach (var c in cases)
            if (c.Parent is { } parent)
                Link(parent, StreamKind.Case, "", c.Sscc, c.Head.Seq, c.Status == CaseStatus.Unpacked ? null : c.Status, c.Custodian, c.ShipTo);
        foreach (var c in cases.Where(c => c.Status != CaseStatus.Unpacked && !holding.Contains(c.Sscc)))
            violations.Add(new AuditViolation(StreamKind.Case, "", c.Sscc, c.Head.Seq, 0, "the case holds nothing: no pack or case names it as its parent"));
        return violations;

        void Link(string parent, StreamKind stream, string gtin, string key, int seq, CaseStatus? where, string custodian, string? shipTo)
        {
            holding.Add(parent);
            foreach (var problem in Problems(bySscc.GetValueOrDefault(parent), parent, where, custodian, shipTo))
                violations.Add(new AuditViolation(stream, gtin, key, seq, 0, problem));
        }
    }

    private static CaseStatus? Where(PackStatus status) => status switch
    {
        PackStatus.Active => CaseStatus.Active,
        PackStatus.InTransit => CaseStatus.InTransit,
        _ => null,
    };

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
