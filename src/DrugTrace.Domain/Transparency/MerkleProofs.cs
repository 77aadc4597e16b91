using System.Numerics;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Transparency;

/// <summary>
/// Builds RFC 9162 inclusion and consistency proofs (sections 2.1.3.1 and 2.1.4.1) and subtree
/// hashes from the perfect subtrees a store keeps: O(log n) node reads, never the whole tree.
/// </summary>
public static class MerkleProofs
{
    /// <summary>MTH(D[begin:end]): the hash of leaves [begin, end), a subtree of the tree's own shape.</summary>
    public static Hash256 SubtreeHash(INodeSource nodes, long begin, long end)
    {
        if (end <= begin) return Rfc6962.EmptyRoot;
        var n = end - begin;
        if ((n & (n - 1)) == 0 && begin % n == 0)
            return nodes.Node(BitOperations.TrailingZeroCount((ulong)n), begin / n);
        // Left part is perfect; only the right edge recurses. Fold from right to left.
        var parts = new List<Hash256>();
        var b = begin;
        while (true)
        {
            var size = end - b;
            if ((size & (size - 1)) == 0 && b % size == 0)
            {
                parts.Add(nodes.Node(BitOperations.TrailingZeroCount((ulong)size), b / size));
                break;
            }
            var k = Rfc6962.SplitPoint(size);
            parts.Add(nodes.Node(BitOperations.TrailingZeroCount((ulong)k), b / k));
            b += k;
        }
        var root = parts[^1];
        for (var i = parts.Count - 2; i >= 0; i--) root = Rfc6962.NodeHash(parts[i], root);
        return root;
    }

    public static Hash256 Root(INodeSource nodes, long size) => SubtreeHash(nodes, 0, size);

    /// <summary>PATH(index, D[0:size]), leaf-side first.</summary>
    public static IReadOnlyList<Hash256> Inclusion(INodeSource nodes, long index, long size)
    {
        if (size <= 0 || index < 0 || index >= size)
            throw new ArgumentOutOfRangeException(nameof(index), $"Leaf {index} is not in a tree of size {size}.");
        var path = new List<Hash256>();
        Path(nodes, index, 0, size, path);
        return path;
    }

    private static void Path(INodeSource nodes, long m, long begin, long end, List<Hash256> into)
    {
        var n = end - begin;
        if (n == 1) return;
        var k = Rfc6962.SplitPoint(n);
        if (m < k)
        {
            Path(nodes, m, begin, begin + k, into);
            into.Add(SubtreeHash(nodes, begin + k, end));
        }
        else
        {
            Path(nodes, m - k, begin + k, end, into);
            into.Add(SubtreeHash(nodes, begin, begin + k));
        }
    }

    /// <summary>PROOF(from, D[0:to]): empty when the sizes are equal or <paramref name="from"/> is 0.</summary>
    public static IReadOnlyList<Hash256> Consistency(INodeSource nodes, long from, long to)
    {
        if (from < 0 || to < from)
            throw new ArgumentOutOfRangeException(nameof(from), $"No consistency proof from size {from} to size {to}.");
        var proof = new List<Hash256>();
        if (from == 0 || from == to) return proof;
        SubProof(nodes, from, 0, to, true, proof);
        return proof;
    }

    private static void SubProof(INodeSource nodes, long m, long begin, long end, bool whole, List<Hash256> into)
    {
        var n = end - begin;
        if (m == n)
        {
            if (!whole) into.Add(SubtreeHash(nodes, begin, end));
            return;
        }
        var k = Rfc6962.SplitPoint(n);
        if (m <= k)
        {
            SubProof(nodes, m, begin, begin + k, whole, into);
            into.Add(SubtreeHash(nodes, begin + k, end));
        }
        else
        {
            SubProof(nodes, m - k, begin + k, end, false, into);
            into.Add(SubtreeHash(nodes, begin, begin + k));
        }
    }
}
