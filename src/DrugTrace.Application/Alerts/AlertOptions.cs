namespace DrugTrace.Application.Alerts;

/// <summary>Section "Alerts".</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Repeats of an alert (same pack, kind and scanning party) within this window only raise its count.</summary>
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A pack verified at two parties that custody does not link within this window is a suspected
    /// clone (one place cannot hold it twice); seen once elsewhere it is only a custody exception.
    /// </summary>
    public TimeSpan CloneWindow { get; set; } = TimeSpan.FromMinutes(30);
}
