using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary><see cref="ITransactionControl"/> over a driver session: snapshot reads, majority writes, primary only.</summary>
internal sealed class SessionTransaction(IClientSessionHandle session) : ITransactionControl
{
    public static readonly TransactionOptions Options = new(
        readConcern: ReadConcern.Snapshot,
        readPreference: ReadPreference.Primary,
        writeConcern: WriteConcern.WMajority);

    public void Start() => session.StartTransaction(Options);

    public Task CommitAsync(CancellationToken cancellationToken) => session.CommitTransactionAsync(cancellationToken);

    public async Task AbortAsync(CancellationToken cancellationToken)
    {
        if (!session.IsInTransaction) return;
        try
        {
            await session.AbortTransactionAsync(CancellationToken.None);
        }
        catch (MongoException)
        {
            // Already aborted by the server (a write error or a conflict ends it there): nothing to undo.
        }
    }
}
