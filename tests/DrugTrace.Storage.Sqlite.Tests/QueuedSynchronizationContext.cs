using System.Collections.Concurrent;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>
/// A synchronization context that only queues what is posted to it, so that a test decides when the continuations
/// of code started under it run (see <see cref="Start{T}"/>), and can act in between.
/// </summary>
internal sealed class QueuedSynchronizationContext : SynchronizationContext, IDisposable
{
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _posted = new();
    private readonly SemaphoreSlim _count = new(0);

    public override void Post(SendOrPostCallback d, object? state)
    {
        _posted.Enqueue((d, state));
        _count.Release();
    }

    public void Dispose() => _count.Dispose();

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();

    /// <summary>Calls <paramref name="start"/> under this context: its awaits come back through the queue.</summary>
    public T Start<T>(Func<T> start)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            return start();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    /// <summary>Waits until something was posted; runs nothing.</summary>
    public async Task WaitForPostAsync(TimeSpan timeout)
    {
        Assert.True(await _count.WaitAsync(timeout), "nothing was posted");
        _count.Release();
    }

    /// <summary>Runs what is posted, under this context, until <paramref name="task"/> completes.</summary>
    public async Task RunUntilAsync(Task task, TimeSpan timeout)
    {
        while (!task.IsCompleted)
        {
            if (!await _count.WaitAsync(timeout)) break;
            Assert.True(_posted.TryDequeue(out var next));
            Start(() =>
            {
                next.Callback(next.State);
                return 0;
            });
        }
        await task.WaitAsync(timeout);
    }
}
