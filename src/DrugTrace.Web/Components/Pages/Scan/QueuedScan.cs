namespace DrugTrace.Web.Components.Pages.Scan;

/// <summary>A scan the browser queued while the server could not be reached (js/offline-scans.js), with the time it was made.</summary>
public sealed record QueuedScan(string Id, string Gln, string? Code, string? Action, string? To, string? Reason, DateTimeOffset ScannedAt);
