using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Storage.Contract;

/// <summary>
/// What every store's signed checkpoints must do: one per size, the latest by size, a note that
/// cosignatures can replace. See <see cref="LedgerStoreContractTests"/> for how a store without its
/// server skips.
/// </summary>
public abstract class CheckpointStoreContractTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 1, 0, 0, 123, TimeSpan.Zero);

    protected abstract ICheckpointStore Checkpoints { get; }

    protected virtual void RequireStore()
    {
    }

    private static StoredCheckpoint Checkpoint(long size, char root = 'a') =>
        new(size, Hash256.FromHex(new string(root, 64)), At.AddSeconds(size), $"drugtrace.example/log\n{size}\n...\n");

    [SkippableFact]
    public async Task The_latest_checkpoint_is_the_largest_and_recent_ones_come_newest_first()
    {
        RequireStore();
        Assert.Null(await Checkpoints.LatestAsync(default));
        Assert.Empty(await Checkpoints.RecentAsync(5, default));

        foreach (var size in new long[] { 3, 10, 7 })
            Assert.True(await Checkpoints.AddAsync(Checkpoint(size), default));

        Assert.Equal(Checkpoint(10), await Checkpoints.LatestAsync(default));
        Assert.Equal([Checkpoint(10), Checkpoint(7)], await Checkpoints.RecentAsync(2, default));
        Assert.Equal([10L, 7L, 3L], (await Checkpoints.RecentAsync(5, default)).Select(c => c.Size));
    }

    [SkippableFact]
    public async Task A_second_checkpoint_of_a_size_is_refused_and_the_first_kept()
    {
        RequireStore();
        Assert.True(await Checkpoints.AddAsync(Checkpoint(4), default));
        Assert.False(await Checkpoints.AddAsync(Checkpoint(4, 'b'), default));
        Assert.Equal(Checkpoint(4), Assert.Single(await Checkpoints.RecentAsync(5, default)));
    }

    [SkippableFact]
    public async Task A_cosigned_note_replaces_that_checkpoints_note_only()
    {
        RequireStore();
        await Checkpoints.AddAsync(Checkpoint(4), default);
        await Checkpoints.AddAsync(Checkpoint(9), default);
        var cosigned = Checkpoint(4).Note + "— witness.example AAAA\n";
        await Checkpoints.UpdateNoteAsync(4, cosigned, default);

        Assert.Equal([Checkpoint(9), Checkpoint(4) with { Note = cosigned }], await Checkpoints.RecentAsync(5, default));
    }
}
