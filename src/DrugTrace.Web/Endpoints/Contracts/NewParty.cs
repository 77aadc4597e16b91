namespace DrugTrace.Web.Endpoints.Contracts;

public sealed record NewParty(string? Gln, string? Name, string? Role);
