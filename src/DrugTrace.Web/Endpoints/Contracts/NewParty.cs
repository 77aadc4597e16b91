namespace DrugTrace.Web.Endpoints.Contracts;

/// <param name="CompanyPrefixes">A manufacturer's GS1 company prefixes: it registers GTINs under these only.</param>
public sealed record NewParty(string? Gln, string? Name, string? Role, IReadOnlyList<string>? CompanyPrefixes = null);
