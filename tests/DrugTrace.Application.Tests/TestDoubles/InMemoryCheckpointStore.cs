using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>Checkpoints in a list, oldest first, one per size as the store contract says.</summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly List<StoredCheckpoint> _all = [];

    public IReadOnlyList<StoredCheckpoint> All => _all;

    public ValueTask<StoredCheckpoint?> LatestAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_all.LastOrDefault());

    public ValueTask<IReadOnlyList<StoredCheckpoint>> RecentAsync(int take, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<StoredCheckpoint>>([.. Enumerable.Reverse(_all).Take(take)]);

    public ValueTask<bool> AddAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        if (_all.Any(c => c.Size == checkpoint.Size)) return ValueTask.FromResult(false);
        _all.Add(checkpoint);
        return ValueTask.FromResult(true);
    }

    public ValueTask UpdateNoteAsync(long size, string note, CancellationToken cancellationToken)
    {
        var i = _all.FindIndex(c => c.Size == size);
        if (i >= 0) _all[i] = _all[i] with { Note = note };
        return ValueTask.CompletedTask;
    }
}
