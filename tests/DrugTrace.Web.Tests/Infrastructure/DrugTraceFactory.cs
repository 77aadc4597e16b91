using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>The real app on a fresh SQLite file in a temp folder, loaded with seed-data/ (a demo server: Seed:Demo=true).</summary>
public class DrugTraceFactory : WebApplicationFactory<Program>
{
    /// <summary>Where printed Digital Links point in the tests.</summary>
    public const string DigitalLinkBase = "https://verify.drugtrace.test";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("drugtrace-test-").FullName;

    public string DatabasePath => Path.Combine(DataDirectory, "drugtrace.db");

    /// <summary>Settings of one test's own, applied after the defaults below.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Sqlite:DataDirectory", DataDirectory);
        // Tests do not need power-loss durability; the benchmarks measure FULL.
        builder.UseSetting("Storage:Sqlite:Synchronous", "NORMAL");
        // Photo tests check what is read, not how fast: a loaded test machine must not run out of search time.
        builder.UseSetting("Scanning:SearchBudgetMs", "60000");
        builder.UseEnvironment("Production");
        // Production loads the published demo credentials only when told to, as a demo server would be.
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Labels:DigitalLinkBase", DigitalLinkBase);
        // Every in-memory request comes from one (unknown) address: the per-address guessing limits are
        // set out of reach here, and ThrottlingTests sets them low on purpose.
        builder.UseSetting("Security:SignInAttemptsPerMinute", "100000");
        builder.UseSetting("Security:FailedApiKeysPerMinute", "100000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>
    /// Runs one statement on the app's SQLite file behind its back, as an insider with disk access
    /// could (the tamper tests); answers how many rows it changed.
    /// </summary>
    public int ExecuteSql(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return ExecuteSql(connection, sql, parameters);
    }

    /// <summary>The same on an open connection (several statements in one transaction).</summary>
    public static int ExecuteSql(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
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
