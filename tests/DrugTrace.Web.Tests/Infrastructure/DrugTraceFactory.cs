using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>The real app on a fresh SQLite file in a temp folder, loaded with seed-data/.</summary>
public class DrugTraceFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("drugtrace-test-").FullName;

    public string DatabasePath => Path.Combine(DataDirectory, "drugtrace.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Sqlite:DataDirectory", DataDirectory);
        // Tests do not need power-loss durability; the benchmarks measure FULL.
        builder.UseSetting("Storage:Sqlite:Synchronous", "NORMAL");
        // Photo tests check what is read, not how fast: a loaded test machine must not run out of search time.
        builder.UseSetting("Scanning:SearchBudgetMs", "60000");
        builder.UseEnvironment("Production");
    }

    public HttpClient ClientFor(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; failing the run for it is not.
        }
    }
}
