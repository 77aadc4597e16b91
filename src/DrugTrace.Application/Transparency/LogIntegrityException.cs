namespace DrugTrace.Application.Transparency;

/// <summary>The stored log disagrees with a checkpoint it signed: it was rewritten, truncated or its tree damaged.</summary>
public sealed class LogIntegrityException(string message) : Exception(message);
