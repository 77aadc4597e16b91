namespace DrugTrace.Domain.Alerts;

/// <summary>One step of an alert's lifecycle: who, when, to what status, with what note.</summary>
public sealed record AlertChange(DateTimeOffset At, string By, AlertStatus Status, AlertResolution? Resolution, string? Note);
