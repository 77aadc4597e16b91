namespace DrugTrace.Application.Common.Interfaces;

/// <summary>A party's latest scan of a pack that was not a shipping scan (see <see cref="IScanLog.SightingsOfPackAsync"/>).</summary>
public sealed record ScanSighting(string Actor, DateTimeOffset At);
