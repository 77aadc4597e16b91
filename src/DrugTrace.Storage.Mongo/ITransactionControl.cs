namespace DrugTrace.Storage.Mongo;

/// <summary>
/// The three moves of an explicit transaction on one session, so that <see cref="MongoRetryPolicy"/>
/// decides retries without knowing the session (and can be tested against simulated driver errors).
/// </summary>
internal interface ITransactionControl
{
    void Start();

    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>Aborts if a transaction is open; never throws (the server may have aborted it already).</summary>
    Task AbortAsync(CancellationToken cancellationToken);
}
