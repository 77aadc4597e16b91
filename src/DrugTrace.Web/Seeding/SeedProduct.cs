namespace DrugTrace.Web.Seeding;

public sealed record SeedProduct(string Gtin, string Name, string? Form, string? Strength, string Manufacturer);
