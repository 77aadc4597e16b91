using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>A pack reported stolen turns up, whatever is asked of it.</summary>
public static class StolenPackRule
{
    public static Finding? Check(ScanFacts f) =>
        f.Pack is { Status: PackStatus.Stolen } pack
            ? new Finding(AlertKind.StolenPack,
                $"This pack was reported stolen on {RuleText.Date(pack.ChangedAt)}. Do not supply it; keep it aside.")
            : null;
}
