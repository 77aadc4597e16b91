using DrugTrace.Domain.Ledger;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>An event as it sits in the global log.</summary>
public sealed record StoredEvent(long LogIndex, LedgerEvent Event);
