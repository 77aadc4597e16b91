namespace DrugTrace.Domain.Ledger;

/// <summary>One broken link found by an audit, named by chain and seq.</summary>
public sealed record AuditViolation(StreamKind Stream, string Gtin, string Key, int Seq, long LogIndex, string Problem);
