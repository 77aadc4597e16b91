namespace DrugTrace.Web.Seeding;

public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Load seed-data/ into an empty store on start (only in Development, or with <see cref="Demo"/>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Outside Development the seed data (with the README's published keys and passwords) loads
    /// only when this is set explicitly: a demo server, never a real one.
    /// </summary>
    public bool Demo { get; set; }

    /// <summary>Folder of the seed files; by default seed-data/ beside DrugTrace.sln.</summary>
    public string? Directory { get; set; }
}
