namespace DrugTrace.Application.Common.Exceptions;

/// <summary>An Idempotency-Key already names another request of this caller: a 422; nothing is done.</summary>
public sealed class IdempotencyKeyReusedException(string message) : Exception(message);
