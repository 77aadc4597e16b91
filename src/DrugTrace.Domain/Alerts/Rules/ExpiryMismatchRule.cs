using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>A genuine serial printed with another expiry date.</summary>
public static class ExpiryMismatchRule
{
    public static Finding? Check(ScanFacts f) =>
        f is { Scanned.Expiry: { } expiry, Pack: { } pack } && expiry != pack.Expiry
            ? new Finding(AlertKind.ExpiryMismatch,
                $"The label says expiry {RuleText.Date(expiry)}, but this pack's lot expires {RuleText.Date(pack.Expiry)}.")
            : null;
}
