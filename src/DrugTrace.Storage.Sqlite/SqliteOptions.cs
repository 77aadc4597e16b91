namespace DrugTrace.Storage.Sqlite;

/// <summary>Where the embedded database lives and how hard it flushes (section "Storage:Sqlite").</summary>
public sealed class SqliteOptions
{
    public const string Section = "Storage:Sqlite";

    /// <summary>Folder of the database file; relative paths are under the app's content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    public string FileName { get; set; } = "drugtrace.db";

    /// <summary>
    /// FULL makes every commit durable across power loss (one fsync per group commit); NORMAL
    /// may lose the last commits on power loss but never corrupts the file.
    /// </summary>
    public string Synchronous { get; set; } = "FULL";

    /// <summary>Most writes that are waiting are committed together in one transaction.</summary>
    public int MaxBatch { get; set; } = 256;
}
