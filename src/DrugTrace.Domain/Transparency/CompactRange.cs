using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Transparency;

/// <summary>
/// The right border of a tree grown one hash at a time: one hash per set bit of the size (the
/// perfect subtrees the tree splits into). Appending is amortised one node hash; the root is
/// folded from at most 64 hashes. Used to build a tree from its leaves in one pass (audit,
/// monitor) without keeping the leaves.
/// </summary>
public sealed class CompactRange
{
    // _stack[0] is the largest (leftmost) subtree.
    private readonly List<Hash256> _stack = new(64);

    public long Size { get; private set; }

    /// <summary>Appends one hash at the bottom level of this range (a leaf hash for a whole tree).</summary>
    public void Append(Hash256 hash)
    {
        var h = hash;
        // Every trailing 1 bit of the old size is a perfect subtree that now gets its right sibling.
        for (var s = Size; (s & 1) == 1; s >>= 1)
        {
            h = Rfc6962.NodeHash(_stack[^1], h);
            _stack.RemoveAt(_stack.Count - 1);
        }
        _stack.Add(h);
        Size++;
    }

    /// <summary>The Merkle tree hash of everything appended so far.</summary>
    public Hash256 Root()
    {
        if (Size == 0) return Rfc6962.EmptyRoot;
        var root = _stack[^1];
        for (var i = _stack.Count - 2; i >= 0; i--) root = Rfc6962.NodeHash(_stack[i], root);
        return root;
    }
}
