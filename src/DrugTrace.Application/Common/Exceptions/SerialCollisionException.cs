namespace DrugTrace.Application.Common.Exceptions;

/// <summary>A freshly drawn serial already exists for the GTIN; the commission is retried with new ones.</summary>
public sealed class SerialCollisionException(string gtin) : Exception($"A generated serial already exists for GTIN {gtin}.");
