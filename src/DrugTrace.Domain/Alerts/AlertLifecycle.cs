namespace DrugTrace.Domain.Alerts;

/// <summary>Open -> Investigating -> Closed (with a resolution); a closed alert may be reopened; notes any time.</summary>
public static class AlertLifecycle
{
    /// <summary>The alert after the change, or the reason it is not allowed.</summary>
    public static (Alert? Alert, string? Error) Change(
        Alert alert, AlertStatus status, AlertResolution? resolution, string? note, string by, DateTimeOffset now)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (status == alert.Status && note is null && resolution == alert.Resolution)
            return (null, "Nothing to change: give a new status, a resolution or a note.");
        if (status == AlertStatus.Closed && resolution is null)
            return (null, "Closing an alert needs a resolution: false-positive, scanning-error, confirmed-falsified, diversion or other.");
        if (status != AlertStatus.Closed && resolution is not null)
            return (null, "A resolution is given only when the alert is closed.");
        if (alert.Status == AlertStatus.Closed && status == AlertStatus.Investigating)
            return (null, "A closed alert is reopened (status open) before it is investigated again.");
        if (note is { Length: > 2000 })
            return (null, "The note is longer than 2,000 characters.");

        var change = new AlertChange(now, by, status, resolution, note);
        return (alert with
        {
            Status = status,
            Resolution = status == AlertStatus.Closed ? resolution : null,
            Version = alert.Version + 1,
            History = [.. alert.History, change],
        }, null);
    }
}
