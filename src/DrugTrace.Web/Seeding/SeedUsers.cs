namespace DrugTrace.Web.Seeding;

/// <summary>seed-data/users.json: demo sign-ins, all with one published password (local use only).</summary>
public sealed record SeedUsers(string Password, IReadOnlyList<SeedUser> Users);
