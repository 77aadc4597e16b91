using DrugTrace.Application.Common.Wire;
using AlertStatus = DrugTrace.Domain.Alerts.AlertStatus;
using DrugTrace.Application.Alerts;
using DrugTrace.Web.Components.Shared;
using MudBlazor;

namespace DrugTrace.Web.Components.Pages.Alerts;

/// <summary>How alerts are shown: kinds, severities, statuses and resolutions in plain words and colours.</summary>
public static class AlertLook
{
    public static readonly string[] Severities = ["critical", "high", "medium", "low"];
    public static readonly string[] Statuses = [.. WireNames.All<AlertStatus>().Select(s => s.Name)];
    public static readonly string[] Resolutions = ["false-positive", "scanning-error", "confirmed-falsified", "diversion", "other"];

    public static string Kind(string kind) => kind switch
    {
        "UnknownProduct" => "Unknown product",
        "UnknownSerial" => "Unknown serial number",
        "UnknownLot" => "Unknown batch",
        "LotMismatch" => "Batch does not match",
        "ExpiryMismatch" => "Expiry does not match",
        "AlreadyInactive" => "Already dispensed or decommissioned",
        "StolenPack" => "Reported stolen",
        "Recalled" => "Recalled batch",
        "Expired" => "Expired",
        "UndoRefused" => "Undo refused",
        "CustodyMismatch" => "Not in the scanner's custody",
        "CloneSuspected" => "Suspected clone",
        "CustodyException" => "Custody exception: shipment not recorded",
        "ConfirmedIllegitimate" => "Confirmed illegitimate",
        "IntegrityViolation" => "Ledger integrity violation",
        _ => VerdictCard.Plain(kind),
    };

    /// <summary>What the alert is, in words: a probable scanning error is never shown as a counterfeit.</summary>
    public static string Title(AlertDto alert) =>
        alert.ProbableScanningError ? $"Probable scanning error ({Kind(alert.Kind).ToLowerInvariant()})" : Kind(alert.Kind);

    public static Color SeverityColor(string severity) => severity switch
    {
        "critical" => Color.Error,
        "high" => Color.Warning,
        "medium" => Color.Info,
        _ => Color.Default,
    };

    public static Color StatusColor(WireName<AlertStatus> status) => status.Value switch
    {
        AlertStatus.Open => Color.Error,
        AlertStatus.Investigating => Color.Warning,
        _ => Color.Success,
    };

    public static string Status(WireName<AlertStatus> status) => status.Value switch
    {
        AlertStatus.Open => "Open",
        AlertStatus.Investigating => "Investigating",
        _ => "Closed",
    };

    /// <summary>A status word from a filter or the address; an unknown word is shown as it is.</summary>
    public static string Status(string status) => WireNames.TryParse<AlertStatus>(status, out var known) ? Status(known) : status;

    public static string Resolution(string? resolution) => resolution switch
    {
        null => "",
        "false-positive" => "False positive",
        "scanning-error" => "Scanning error",
        "confirmed-falsified" => "Confirmed falsified",
        "diversion" => "Diversion",
        "other" => "Other",
        _ => resolution,
    };

    public static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
