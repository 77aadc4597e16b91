namespace DrugTrace.Web.Seeding;

public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Load seed-data/ into an empty store on start.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Folder of the seed files; by default seed-data/ beside DrugTrace.sln.</summary>
    public string? Directory { get; set; }
}
