namespace DrugTrace.Web.Seeding;

/// <summary>A demo person who signs in for the party with GLN <c>Party</c>.</summary>
public sealed record SeedUser(string UserName, string DisplayName, string Party);
