using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>The pack is past its expiry date (which is still valid on the day itself): it must not be dispensed.</summary>
public static class ExpiredRule
{
    public static Finding? Check(ScanFacts f)
    {
        if (f.Pack is not { } pack || DateOnly.FromDateTime(f.Now.UtcDateTime) <= pack.Expiry) return null;
        var applies = f.Action switch
        {
            PackAction.Dispense or PackAction.Verify => RuleText.IsInSupplyChain(pack.Status),
            PackAction.UndoDispense => true,
            _ => false,
        };
        return applies ? new Finding(AlertKind.Expired, $"This pack expired on {RuleText.Date(pack.Expiry)}.") : null;
    }
}
