using MongoDB.Driver;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// Runs one transaction with bounded retries, following the driver specification's rules:
/// an error labelled <c>TransientTransactionError</c> (a write conflict, a primary step-down, a
/// network error before commit) reruns the whole transaction; a commit error labelled
/// <c>UnknownTransactionCommitResult</c> retries the commit alone, which is idempotent. Anything
/// else aborts and is thrown to the caller. Attempts back off exponentially with full jitter, so
/// that writers colliding on the same document (a pack head, the log counter) spread out.
/// </summary>
internal sealed class MongoRetryPolicy
{
    public const string TransientTransactionError = "TransientTransactionError";
    public const string UnknownTransactionCommitResult = "UnknownTransactionCommitResult";

    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Func<double> _jitter;

    public MongoRetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay,
        Func<TimeSpan, CancellationToken, Task>? delay = null, Func<double>? jitter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        _delay = delay ?? Task.Delay;
        _jitter = jitter ?? Random.Shared.NextDouble;
    }

    public static MongoRetryPolicy From(MongoOptions options) =>
        new(options.MaxTransactionAttempts, options.RetryDelay, options.MaxRetryDelay);

    public int MaxAttempts { get; }
    public TimeSpan BaseDelay { get; }
    public TimeSpan MaxDelay { get; }

    public static bool IsTransient(Exception ex) => ex is MongoException m && m.HasErrorLabel(TransientTransactionError);

    public static bool IsUnknownCommitResult(Exception ex) => ex is MongoException m && m.HasErrorLabel(UnknownTransactionCommitResult);

    /// <summary>The ceiling of the wait after failed attempt <paramref name="attempt"/> (1-based): base × 2^(attempt-1), capped.</summary>
    public static TimeSpan Ceiling(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ticks = Math.Min(baseDelay.Ticks * factor, maxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    public async Task<T> ExecuteAsync<T>(ITransactionControl transaction, Func<CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Start();
            T result;
            try
            {
                result = await body(cancellationToken);
            }
            catch (Exception ex)
            {
                await transaction.AbortAsync(cancellationToken);
                if (IsTransient(ex) && attempt < MaxAttempts)
                {
                    await BackOffAsync(attempt, cancellationToken);
                    continue;
                }
                throw;
            }

            if (await CommitAsync(transaction, attempt, cancellationToken)) return result;
            await BackOffAsync(attempt, cancellationToken);
        }
    }

    /// <summary>True once committed; false when the whole transaction must run again.</summary>
    private async Task<bool> CommitAsync(ITransactionControl transaction, int attempt, CancellationToken cancellationToken)
    {
        for (var commitAttempt = 1; ; commitAttempt++)
        {
            try
            {
                await transaction.CommitAsync(cancellationToken);
                return true;
            }
            // Checked first: a commit error can carry both labels, and then retrying the commit is the safe move.
            catch (MongoException ex) when (IsUnknownCommitResult(ex) && commitAttempt < MaxAttempts)
            {
                await BackOffAsync(commitAttempt, cancellationToken);
            }
            catch (MongoException ex) when (IsTransient(ex) && !IsUnknownCommitResult(ex) && attempt < MaxAttempts)
            {
                return false;
            }
        }
    }

    private Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        var ceiling = Ceiling(attempt, BaseDelay, MaxDelay);
        var wait = TimeSpan.FromTicks((long)(ceiling.Ticks * _jitter()));
        return _delay(wait, cancellationToken);
    }
}
