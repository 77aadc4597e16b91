namespace DrugTrace.Domain.Ledger;

/// <summary>The last link of a chain: the next event must be <c>Seq + 1</c> with prevHash <c>Hash</c>.</summary>
public readonly record struct ChainHead(int Seq, Hash256 Hash);
