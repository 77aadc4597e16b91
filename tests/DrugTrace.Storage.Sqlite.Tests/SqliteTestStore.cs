using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The SQLite store on a fresh file in a temporary folder; <see cref="DeleteAsync"/> removes it.</summary>
public sealed class SqliteTestStore
{
    public SqliteTestStore(string prefix)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory(prefix).FullName;
        Services = Open(synchronous: "NORMAL");
    }

    public string Directory { get; }

    public ServiceProvider Services { get; private set; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Closes the store and opens the same file again, with the default settings; <paramref name="whileClosed"/> runs
    /// in between, when no connection is open and the last one to close has checkpointed the log into the file.
    /// </summary>
    public async Task ReopenAsync(Action? whileClosed = null)
    {
        await CloseAsync();
        whileClosed?.Invoke();
        Services = Open(synchronous: null);
    }

    private ServiceProvider Open(string? synchronous)
    {
        var settings = new Dictionary<string, string?> { ["Storage:Sqlite:DataDirectory"] = Directory };
        // Tests do not need power-loss durability.
        if (synchronous is not null) settings["Storage:Sqlite:Synchronous"] = synchronous;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSqliteStorage(configuration, Directory).BuildServiceProvider();
    }

    private async Task CloseAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Closes the store and removes its folder (called from the test's xunit lifetime).</summary>
    public async Task DeleteAsync()
    {
        await CloseAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
