namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>
/// The sequencer of an instance's appends, with a scripted transaction in place of MongoDB: what
/// queues while a batch runs goes into the next one, each caller gets its own answer, and a fault
/// reaches the callers it belongs to.
/// </summary>
public sealed class AppendBatcherTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(1);

    /// <summary>A transaction that records its batches, can be held open, and answers "even numbers win".</summary>
    private sealed class ScriptedStore
    {
        private readonly Lock _gate = new();
        private readonly List<int[]> _batches = [];

        public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource ReleaseFirst { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Func<IReadOnlyList<int>, Exception?> Fault { get; set; } = _ => null;

        public IReadOnlyList<int[]> Batches
        {
            get { lock (_gate) return [.. _batches]; }
        }

        public async Task<bool[]> RunAsync(IReadOnlyList<int> batch, CancellationToken ct)
        {
            bool first;
            lock (_gate)
            {
                first = _batches.Count == 0;
                _batches.Add([.. batch]);
            }
            if (first)
            {
                FirstStarted.SetResult();
                await ReleaseFirst.Task;
            }
            if (Fault(batch) is { } fault) throw fault;
            return [.. batch.Select(n => n % 2 == 0)];
        }
    }

    private static bool IsOwnFault(Exception ex) => ex is InvalidDataException;

    [Fact]
    public async Task Appends_queued_while_a_batch_runs_share_the_next_transaction_and_get_their_own_answers()
    {
        var store = new ScriptedStore();
        await using var batcher = new AppendBatcher<int>(64, store.RunAsync, IsOwnFault);

        var first = batcher.AppendAsync(0, default);
        await store.FirstStarted.Task.WaitAsync(Generous);
        var queued = Enumerable.Range(1, 5).Select(n => batcher.AppendAsync(n, default)).ToList();
        store.ReleaseFirst.SetResult();

        Assert.True(await first.WaitAsync(Generous));
        var answers = await Task.WhenAll(queued).WaitAsync(Generous);
        Assert.Equal([false, true, false, true, false], answers);
        Assert.Equal([[0], [1, 2, 3, 4, 5]], store.Batches);
    }

    [Fact]
    public async Task A_batch_holds_at_most_MaxBatch_appends()
    {
        var store = new ScriptedStore();
        await using var batcher = new AppendBatcher<int>(2, store.RunAsync, IsOwnFault);

        var first = batcher.AppendAsync(0, default);
        await store.FirstStarted.Task.WaitAsync(Generous);
        var queued = Enumerable.Range(1, 5).Select(n => batcher.AppendAsync(n, default)).ToList();
        store.ReleaseFirst.SetResult();
        await Task.WhenAll([first, .. queued]).WaitAsync(Generous);

        Assert.Equal([[0], [1, 2], [3, 4], [5]], store.Batches);
    }

    [Fact]
    public async Task A_batch_failing_for_one_of_its_appends_is_run_again_one_by_one_so_only_that_caller_fails()
    {
        var store = new ScriptedStore { Fault = batch => batch.Contains(3) ? new InvalidDataException("duplicate key") : null };
        await using var batcher = new AppendBatcher<int>(64, store.RunAsync, IsOwnFault);

        var first = batcher.AppendAsync(0, default);
        await store.FirstStarted.Task.WaitAsync(Generous);
        var two = batcher.AppendAsync(2, default);
        var three = batcher.AppendAsync(3, default);
        var four = batcher.AppendAsync(4, default);
        store.ReleaseFirst.SetResult();

        Assert.True(await two.WaitAsync(Generous));
        Assert.True(await four.WaitAsync(Generous));
        await Assert.ThrowsAsync<InvalidDataException>(() => three.WaitAsync(Generous));
        Assert.True(await first);
        Assert.Equal([[0], [2, 3, 4], [2], [3], [4]], store.Batches);
    }

    [Fact]
    public async Task A_fault_of_the_store_is_every_callers_answer_and_the_sequencer_goes_on()
    {
        var down = true;
        var store = new ScriptedStore { Fault = _ => down ? new TimeoutException("no primary") : null };
        await using var batcher = new AppendBatcher<int>(64, store.RunAsync, IsOwnFault);

        var first = batcher.AppendAsync(0, default);
        await store.FirstStarted.Task.WaitAsync(Generous);
        var second = batcher.AppendAsync(2, default);
        store.ReleaseFirst.SetResult();

        await Assert.ThrowsAsync<TimeoutException>(() => first.WaitAsync(Generous));
        await Assert.ThrowsAsync<TimeoutException>(() => second.WaitAsync(Generous));
        down = false;
        Assert.True(await batcher.AppendAsync(4, default).WaitAsync(Generous));
    }

    [Fact]
    public async Task After_disposal_an_append_is_refused()
    {
        var store = new ScriptedStore();
        store.ReleaseFirst.SetResult();
        var batcher = new AppendBatcher<int>(64, store.RunAsync, IsOwnFault);
        Assert.True(await batcher.AppendAsync(0, default).WaitAsync(Generous));

        await batcher.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.AppendAsync(2, default));
    }
}
