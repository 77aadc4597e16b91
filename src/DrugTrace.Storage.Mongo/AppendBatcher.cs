using System.Threading.Channels;

namespace DrugTrace.Storage.Mongo;

/// <summary>
/// The single sequencer of this instance's appends: callers queue their append and wait, and one
/// loop runs whatever has queued meanwhile (up to <see cref="MaxBatch"/>) as one transaction, so a
/// burst of N appends takes the global log counter once instead of N times (group commit). Under
/// light load a batch is one append, as before. A batch whose transaction fails because of one of
/// its appends (<c>isOwnFault</c>: a duplicate key) is run again append by append, so that error
/// reaches only its own caller; any other failure (the store is down, the commit's outcome is
/// unknown) is the answer of every append in the batch.
/// </summary>
internal sealed class AppendBatcher<TAppend> : IAsyncDisposable, IDisposable
{
    private readonly Channel<Queued> _queue = Channel.CreateUnbounded<Queued>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<TAppend>, CancellationToken, Task<bool[]>> _runBatch;
    private readonly Func<Exception, bool> _isOwnFault;
    private readonly Task _loop;

    /// <param name="runBatch">Runs the appends in order in one transaction; one result per append (false: it lost its race).</param>
    public AppendBatcher(int maxBatch, Func<IReadOnlyList<TAppend>, CancellationToken, Task<bool[]>> runBatch, Func<Exception, bool> isOwnFault)
    {
        MaxBatch = Math.Max(1, maxBatch);
        _runBatch = runBatch;
        _isOwnFault = isOwnFault;
        _loop = Task.Run(LoopAsync);
    }

    public int MaxBatch { get; }

    /// <summary>Queues the append and completes with its result once its batch committed (or fails with its error).</summary>
    public Task<bool> AppendAsync(TAppend append, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var queued = new Queued(append);
        if (!_queue.Writer.TryWrite(queued)) throw new ObjectDisposedException(nameof(AppendBatcher<TAppend>), "The store is shutting down.");
        // Not cancelled once queued: the append may commit, and its caller must learn so.
        return queued.Completion.Task;
    }

    private async Task LoopAsync()
    {
        var batch = new List<Queued>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            await RunAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    /// <summary>Never throws: every queued append gets an answer, and the loop goes on.</summary>
    private async Task RunAsync(List<Queued> batch)
    {
        bool[] results;
        try
        {
            results = await _runBatch([.. batch.Select(q => q.Append)], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (batch.Count > 1 && _isOwnFault(ex))
        {
            foreach (var one in batch) await RunAsync([one]).ConfigureAwait(false);
            return;
        }
        catch (Exception ex)
        {
            foreach (var q in batch) q.Completion.TrySetException(ex);
            return;
        }
        if (results.Length != batch.Count)
        {
            var wrong = new InvalidOperationException($"A batch of {batch.Count} appends answered {results.Length} results.");
            foreach (var q in batch) q.Completion.TrySetException(wrong);
            return;
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(results[i]);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    /// <summary>For a container disposed synchronously: the queued appends still get their answers first.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
    }

    private sealed class Queued(TAppend append)
    {
        public TAppend Append { get; } = append;
        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
