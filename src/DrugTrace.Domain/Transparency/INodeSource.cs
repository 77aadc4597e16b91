using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Transparency;

/// <summary>
/// The hash of a perfect subtree of the log: at <c>level</c> l, node <c>index</c> k covers leaves
/// [k * 2^l, (k + 1) * 2^l). Level 0 nodes are the leaf hashes. Only nodes inside the tree are asked for.
/// </summary>
public interface INodeSource
{
    Hash256 Node(int level, long index);
}
