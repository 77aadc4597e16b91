using DrugTrace.Application.Common.Wire;
using DrugTrace.Domain.Alerts;

namespace DrugTrace.Application.Alerts;

/// <summary>Alert statuses and resolutions as written in the API: kebab-case words.</summary>
public static class AlertText
{
    public static string Status(AlertStatus status) => new WireName<AlertStatus>(status).Name;

    /// <summary>A severity's word: "critical", "high", "medium" or "low".</summary>
    public static string Severity(Severity severity) => severity.ToString().ToLowerInvariant();

    public static string Resolution(AlertResolution resolution) => resolution switch
    {
        AlertResolution.FalsePositive => "false-positive",
        AlertResolution.ScanningError => "scanning-error",
        AlertResolution.ConfirmedFalsified => "confirmed-falsified",
        _ => resolution.ToString().ToLowerInvariant(),
    };

    public static bool TryParseStatus(string? text, out AlertStatus status)
    {
        var ok = WireNames.TryParse<AlertStatus>(text, out var name);
        status = name.Value;
        return ok;
    }

    public static bool TryParseResolution(string? text, out AlertResolution resolution)
    {
        foreach (var candidate in Enum.GetValues<AlertResolution>())
        {
            if (string.Equals(Resolution(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                resolution = candidate;
                return true;
            }
        }
        resolution = default;
        return false;
    }

    public static bool TryParseSeverity(string? text, out Severity severity) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out severity) && Enum.IsDefined(severity) && !int.TryParse(text, out _);

    public static bool TryParseKind(string? text, out AlertKind kind) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _);
}
