namespace DrugTrace.Application.Common.Exceptions;

/// <summary>No known party made this request: a 401.</summary>
public sealed class UnauthenticatedException(string message) : Exception(message);
