using DrugTrace.Application.Common.Wire;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>
/// One scan as recorded: who, what was read, what was asked and what was answered. The action is
/// stored as its word ("undo-dispense"); the verdict is the word stored (a log keeps what it was given).
/// </summary>
public sealed record ScanRecord(
    DateTimeOffset At,
    string Actor,
    WireName<PackAction> Action,
    string Code,
    string? Gtin,
    string? Serial,
    string Verdict,
    string? Alerts);
