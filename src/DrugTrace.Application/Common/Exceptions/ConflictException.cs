namespace DrugTrace.Application.Common.Exceptions;

/// <summary>The request clashes with what is stored (a GTIN or lot registered twice): a 409.</summary>
public sealed class ConflictException(string message) : Exception(message);
