using DrugTrace.Domain.Packs;
using System.Globalization;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>Wording shared by the rules.</summary>
internal static class RuleText
{
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"5 minutes", "2 hours": how long before this scan.</summary>
    public static string Ago(TimeSpan span) =>
        span < TimeSpan.FromMinutes(1) ? "less than a minute"
        : span < TimeSpan.FromHours(2) ? Plural((int)span.TotalMinutes, "minute")
        : Plural((int)span.TotalHours, "hour");

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n.ToString(CultureInfo.InvariantCulture)} {unit}s";

    public static string Describe(PackStatus status) => PackLifecycle.DescribeStatus(status);

    public static bool IsInSupplyChain(PackStatus status) => PackLifecycle.IsInSupplyChain(status);
}
