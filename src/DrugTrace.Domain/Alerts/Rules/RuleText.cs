using DrugTrace.Domain.Packs;
using System.Globalization;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>Wording shared by the rules.</summary>
internal static class RuleText
{
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Describe(PackStatus status) => PackLifecycle.DescribeStatus(status);

    public static bool IsInSupplyChain(PackStatus status) => PackLifecycle.IsInSupplyChain(status);
}
