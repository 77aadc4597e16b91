namespace DrugTrace.Domain.Ledger;

/// <summary>A stored event as an audit reads it: its place in the global log and the chain it belongs to.</summary>
public readonly record struct AuditEntry(long LogIndex, long ChainId, LedgerEvent Event);
