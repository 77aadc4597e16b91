namespace DrugTrace.Domain.Products;

/// <summary>A medicine registered by its brand owner under a GTIN.</summary>
public sealed record Product(string Gtin, string Name, string? Form, string? Strength, string Manufacturer);
