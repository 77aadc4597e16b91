using DrugTrace.Application.Common.Wire;
using AlertStatus = DrugTrace.Domain.Alerts.AlertStatus;
using Severity = DrugTrace.Domain.Alerts.Severity;
using DrugTrace.Application.Alerts;
using DrugTrace.Web.Components.Shared;
using MudBlazor;

namespace DrugTrace.Web.Components.Pages.Alerts;

/// <summary>How alerts are shown: kinds, severities, statuses and resolutions in plain words and colours.</summary>
public static class AlertLook
{
    /// <summary>The severities, gravest first, as the filter lists them.</summary>
    public static readonly Severity[] Severities = [Severity.Critical, Severity.High, Severity.Medium, Severity.Low];
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

    /// <summary>A severity as the API writes it and the feed shows it: "critical".</summary>
    public static string SeverityWord(Severity severity) => AlertText.Severity(severity);

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
