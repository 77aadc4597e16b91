namespace DrugTrace.Web.Endpoints.Contracts;

public sealed record NewProduct(string? Gtin, string? Name, string? Form, string? Strength);
