using DrugTrace.Domain.Ledger;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>A signed checkpoint as kept: its size and root, when it was signed, and the whole note (with any cosignatures).</summary>
public sealed record StoredCheckpoint(long Size, Hash256 Root, DateTimeOffset SignedAt, string Note);

/// <summary>Every checkpoint the log signed, newest last: the history a shrinking log is measured against.</summary>
public interface ICheckpointStore
{
    ValueTask<StoredCheckpoint?> LatestAsync(CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="take"/> checkpoints, newest first.</summary>
    ValueTask<IReadOnlyList<StoredCheckpoint>> RecentAsync(int take, CancellationToken cancellationToken);

    /// <summary>Stores a new checkpoint; false if one of that size is already stored.</summary>
    ValueTask<bool> AddAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>Replaces the note of the checkpoint of <paramref name="size"/> (cosignatures added).</summary>
    ValueTask UpdateNoteAsync(long size, string note, CancellationToken cancellationToken);
}
