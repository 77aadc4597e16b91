using DrugTrace.Application.Common.Exceptions;
using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>The retry rules against driver exceptions carrying the server's error labels.</summary>
public sealed class MongoRetryPolicyTests
{
    private readonly List<TimeSpan> _delays = [];

    private MongoRetryPolicy Policy(int attempts = 5) =>
        new(attempts, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50),
            (wait, _) => { _delays.Add(wait); return Task.CompletedTask; }, jitter: () => 1.0);

    private static MongoException Labelled(string message, params string[] labels)
    {
        var ex = new MongoException(message);
        foreach (var label in labels) ex.AddErrorLabel(label);
        return ex;
    }

    private static MongoException WriteConflict() => Labelled("WriteConflict", MongoRetryPolicy.TransientTransactionError);

    [Fact]
    public async Task A_transient_error_in_the_body_reruns_the_whole_transaction()
    {
        var tx = new ScriptedTransaction();
        var runs = 0;
        var result = await Policy().ExecuteAsync(tx, _ => ++runs < 3 ? throw WriteConflict() : Task.FromResult("done"), default);
        Assert.Equal("done", result);
        Assert.Equal(3, runs);
        Assert.Equal(["start", "abort", "start", "abort", "start", "commit"], tx.Moves);
        Assert.Equal([TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)], _delays);
    }

    [Fact]
    public async Task Transient_errors_are_retried_a_bounded_number_of_times_then_thrown()
    {
        var tx = new ScriptedTransaction();
        var runs = 0;
        var thrown = await Assert.ThrowsAsync<MongoException>(() => Policy(attempts: 4).ExecuteAsync<int>(tx, _ => { runs++; throw WriteConflict(); }, default));
        Assert.Equal("WriteConflict", thrown.Message);
        Assert.Equal(4, runs);
        Assert.Equal(4, tx.Moves.Count(m => m == "abort"));
        Assert.DoesNotContain("commit", tx.Moves);
        // Back-off doubles and is capped: 10, 20, 40 ms (then the last attempt fails without waiting).
        Assert.Equal([10, 20, 40], _delays.Select(d => d.TotalMilliseconds));
    }

    [Fact]
    public async Task A_business_error_aborts_once_and_is_not_retried()
    {
        var tx = new ScriptedTransaction();
        await Assert.ThrowsAsync<ConflictException>(() => Policy().ExecuteAsync<bool>(tx, _ => throw new ConflictException("lot exists"), default));
        Assert.Equal(["start", "abort"], tx.Moves);
        Assert.Empty(_delays);
    }

    [Fact]
    public async Task A_driver_error_without_a_retry_label_is_not_retried()
    {
        var tx = new ScriptedTransaction();
        await Assert.ThrowsAsync<MongoException>(() => Policy().ExecuteAsync<bool>(tx, _ => throw new MongoException("no label"), default));
        Assert.Equal(["start", "abort"], tx.Moves);
    }

    [Fact]
    public async Task An_unknown_commit_result_retries_the_commit_alone()
    {
        var unknown = Labelled("timeout while committing", MongoRetryPolicy.UnknownTransactionCommitResult);
        var tx = new ScriptedTransaction(unknown, unknown, null);
        var runs = 0;
        Assert.True(await Policy().ExecuteAsync(tx, _ => { runs++; return Task.FromResult(true); }, default));
        Assert.Equal(1, runs);
        Assert.Equal(["start", "commit", "commit", "commit"], tx.Moves);
    }

    [Fact]
    public async Task A_commit_error_with_both_labels_retries_the_commit_not_the_body()
    {
        var both = Labelled("network error on commit", MongoRetryPolicy.UnknownTransactionCommitResult, MongoRetryPolicy.TransientTransactionError);
        var tx = new ScriptedTransaction(both, null);
        var runs = 0;
        await Policy().ExecuteAsync(tx, _ => Task.FromResult(++runs), default);
        Assert.Equal(1, runs);
        Assert.Equal(["start", "commit", "commit"], tx.Moves);
    }

    [Fact]
    public async Task A_transient_commit_error_reruns_the_whole_transaction()
    {
        var tx = new ScriptedTransaction(WriteConflict(), null);
        var runs = 0;
        Assert.Equal(2, await Policy().ExecuteAsync(tx, _ => Task.FromResult(++runs), default));
        Assert.Equal(["start", "commit", "start", "commit"], tx.Moves);
    }

    [Fact]
    public async Task An_unknown_commit_result_that_persists_is_thrown_after_the_last_attempt()
    {
        var unknown = Labelled("still unknown", MongoRetryPolicy.UnknownTransactionCommitResult);
        var tx = new ScriptedTransaction(unknown, unknown, unknown);
        await Assert.ThrowsAsync<MongoException>(() => Policy(attempts: 3).ExecuteAsync(tx, _ => Task.FromResult(1), default));
        Assert.Equal(["start", "commit", "commit", "commit"], tx.Moves);
    }

    [Fact]
    public async Task Cancellation_stops_the_retries()
    {
        using var cts = new CancellationTokenSource();
        var tx = new ScriptedTransaction();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Policy().ExecuteAsync<int>(tx, _ =>
        {
            cts.Cancel();
            throw WriteConflict();
        }, cts.Token));
        Assert.Equal(["start", "abort"], tx.Moves);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(4, 40)]
    [InlineData(8, 500)]
    [InlineData(100, 500)]
    public void The_back_off_ceiling_doubles_up_to_its_cap(int attempt, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), MongoRetryPolicy.Ceiling(attempt, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(500)));

    [Fact]
    public void Defaults_come_from_the_options()
    {
        var policy = MongoRetryPolicy.From(new MongoOptions());
        Assert.Equal(20, policy.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(5), policy.BaseDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(500), policy.MaxDelay);
    }
}
