namespace DrugTrace.Application.Common.Exceptions;

/// <summary>The caller is known but its role or custody does not allow this: a 403.</summary>
public sealed class ForbiddenAccessException(string message) : Exception(message);
