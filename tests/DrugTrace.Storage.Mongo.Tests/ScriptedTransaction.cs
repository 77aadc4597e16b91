namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>
/// A transaction whose commits fail as scripted, recording every move: it drives
/// <see cref="MongoRetryPolicy"/> through driver errors without a server. It stands in for a
/// session's start/commit/abort only, never for MongoDB's answers to queries.
/// </summary>
internal sealed class ScriptedTransaction(params Exception?[] commitOutcomes) : ITransactionControl
{
    private int _commits;

    public List<string> Moves { get; } = [];

    public void Start() => Moves.Add("start");

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        Moves.Add("commit");
        var outcome = _commits < commitOutcomes.Length ? commitOutcomes[_commits] : null;
        _commits++;
        return outcome is null ? Task.CompletedTask : Task.FromException(outcome);
    }

    public Task AbortAsync(CancellationToken cancellationToken)
    {
        Moves.Add("abort");
        return Task.CompletedTask;
    }
}
