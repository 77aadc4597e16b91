namespace DrugTrace.Storage.Mongo;

/// <summary>The MongoDB store (section "Storage:Mongo"). It needs a replica set (or a sharded cluster): transactions and change streams.</summary>
public sealed class MongoOptions
{
    public const string Section = "Storage:Mongo";

    /// <summary>For example <c>mongodb://mongo1,mongo2,mongo3/?replicaSet=rs0</c>.</summary>
    public string ConnectionString { get; set; } = "";

    public string Database { get; set; } = "drugtrace";

    /// <summary>How long to look for a server before an operation fails (start-up, health check).</summary>
    public TimeSpan ServerSelectionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts of one transaction (or of its commit) on transient errors before giving up.</summary>
    public int MaxTransactionAttempts { get; set; } = 20;

    /// <summary>First back-off between attempts; it doubles per attempt, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Most appends of this instance that share one transaction (and one take of the log counter);
    /// appends that queue while a transaction runs go together into the next.
    /// </summary>
    public int MaxAppendBatch { get; set; } = 64;

    /// <summary>
    /// Most packs commissioned in one transaction. A larger lot is written in chunks of this size
    /// (each one transaction of about twice as many inserts), invisible until the last one landed, so
    /// that no transaction runs into the server's lifetime or size limits, and the log counter, which
    /// a chunk holds from its first insert to its commit, is free again soon for the scans waiting on it.
    /// </summary>
    public int CommissionChunk { get; set; } = 2_000;

    /// <summary>Whether this instance watches the alerts collection to push alerts raised on any instance.</summary>
    public bool WatchAlerts { get; set; } = true;

    /// <summary>Longest wait before the alert watcher reopens its change stream after an error.</summary>
    public TimeSpan MaxWatchBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
