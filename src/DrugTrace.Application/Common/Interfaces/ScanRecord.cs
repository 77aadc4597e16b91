namespace DrugTrace.Application.Common.Interfaces;

/// <summary>
/// One scan as recorded: who, what was read, what was asked and what was answered. Action and
/// verdict are the words stored (a log keeps what it was given, even a word no longer in use).
/// </summary>
public sealed record ScanRecord(
    DateTimeOffset At,
    string Actor,
    string Action,
    string Code,
    string? Gtin,
    string? Serial,
    string Verdict,
    string? Alerts);
