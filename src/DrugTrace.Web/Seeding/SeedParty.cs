namespace DrugTrace.Web.Seeding;

public sealed record SeedParty(string Gln, string Name, string Role, string ApiKey, IReadOnlyList<string>? CompanyPrefixes = null);
