using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Storage.Sqlite;

/// <summary>
/// The leaf hashes of the level-0 tile the writer is filling, as its events are inserted, so that
/// the tile's root is folded from memory when its last leaf comes instead of reading its 256 event
/// hashes back. Only leaves recorded in log order from the tile's start count: an insert at an index
/// already recorded (the log index of a write that was rolled back, given again) drops the later ones,
/// and a tile whose start this writer did not see (it started mid-tile) is read from the database.
/// So nothing here can outlive a rollback: every index up to the tile's end is recorded again after it.
/// </summary>
internal sealed class OpenTile
{
    private readonly Hash256[] _leaves = new Hash256[LogTiles.Width];
    private long _start = -1;
    private int _count;

    /// <summary>Records the leaf at <paramref name="logIndex"/>; true when it completes a tile whose every leaf is here.</summary>
    public bool Record(long logIndex, Hash256 leaf)
    {
        var offset = (int)(logIndex % LogTiles.Width);
        var start = logIndex - offset;
        if (offset == 0) (_start, _count) = (start, 0);
        if (_start != start || offset > _count)
        {
            _start = -1;
            return false;
        }
        _leaves[offset] = leaf;
        _count = offset + 1;
        return _count == LogTiles.Width;
    }

    /// <summary>The completed tile's leaves, after <see cref="Record"/> said true.</summary>
    public ReadOnlySpan<Hash256> Leaves => _leaves;
}
