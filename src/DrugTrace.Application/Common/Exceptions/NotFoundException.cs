namespace DrugTrace.Application.Common.Exceptions;

/// <summary>The thing asked for does not exist (or may not be seen by the caller): a 404.</summary>
public sealed class NotFoundException(string message) : Exception(message);
