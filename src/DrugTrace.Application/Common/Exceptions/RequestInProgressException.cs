namespace DrugTrace.Application.Common.Exceptions;

/// <summary>The first request with this Idempotency-Key is still running: a 409 to retry shortly, nothing is done.</summary>
public sealed class RequestInProgressException(string message) : Exception(message);
