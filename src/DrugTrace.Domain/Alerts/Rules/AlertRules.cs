using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>
/// The rule table in the order it is applied. Authenticity comes first (is this a pack we
/// know?), then the pack's state: a handoff is refused by the first rule that fires, a
/// verification reports every one.
/// </summary>
public static class AlertRules
{
    private static readonly Func<ScanFacts, Finding?>[] Authenticity =
        [UnknownProductRule.Check, UnknownSerialRule.Check, UnknownLotRule.Check, LotMismatchRule.Check, ExpiryMismatchRule.Check];

    private static readonly Func<ScanFacts, Finding?>[] State =
        [StolenPackRule.Check, AlreadyInactiveRule.Check, CustodyMismatchRule.Check, CloneSuspectedRule.Check, CustodyExceptionRule.Check,
         UndoRefusedRule.Check, RecalledRule.Check, ExpiredRule.Check];

    /// <summary>Is the scanned code a genuine commissioned pack, as labelled? Every problem found.</summary>
    public static IReadOnlyList<Finding> CheckAuthenticity(ScanFacts facts) => Run(Authenticity, facts, firstOnly: false);

    /// <summary>What is wrong with the pack's state for this action: every finding for a verification, the first for a handoff.</summary>
    public static IReadOnlyList<Finding> CheckState(ScanFacts facts) => Run(State, facts, firstOnly: facts.IsHandoff);

    private static List<Finding> Run(Func<ScanFacts, Finding?>[] rules, ScanFacts facts, bool firstOnly)
    {
        var findings = new List<Finding>();
        foreach (var rule in rules)
        {
            if (rule(facts) is { } finding)
            {
                findings.Add(finding);
                if (firstOnly) break;
            }
        }
        return findings;
    }
}
