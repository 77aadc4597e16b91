namespace DrugTrace.Application.Alerts;

/// <summary>Section "Alerts".</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Repeats of an alert (same pack, kind and scanning party) within this window only raise its count.</summary>
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromHours(1);
}
