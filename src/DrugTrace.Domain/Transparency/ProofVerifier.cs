using System.Numerics;
using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Transparency;

/// <summary>
/// Verifies RFC 9162 inclusion and consistency proofs (sections 2.1.3.2 and 2.1.4.2) over raw
/// bytes, as they arrive from outside: every length is checked, and a proof must be exactly as
/// long as the sizes imply (no padding before or after).
/// </summary>
public static class ProofVerifier
{
    public static ProofCheck VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (RootFromInclusion(index, size, leafHash, proof, out var calculated) is { IsValid: false } problem) return problem;
        return calculated.AsSpan().SequenceEqual(root)
            ? ProofCheck.Valid
            : ProofCheck.Invalid($"the inclusion proof of leaf {index} leads to another root than the one of tree size {size}");
    }

    public static ProofCheck VerifyInclusion(long index, long size, Hash256 leafHash, IReadOnlyList<Hash256> proof, Hash256 root) =>
        VerifyInclusion(index, size, leafHash.ToBytes(), [.. proof.Select(p => p.ToBytes())], root.ToBytes());

    /// <summary>The root an inclusion proof leads to, if its shape fits the index and size.</summary>
    public static ProofCheck RootFromInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, out byte[] root)
    {
        root = [];
        if (size <= 0) return ProofCheck.Invalid($"a tree of size {size} holds no leaf");
        if (index < 0 || index >= size) return ProofCheck.Invalid($"leaf index {index} is not below tree size {size}");
        if (leafHash.Length != Hash256.Size) return ProofCheck.Invalid($"the leaf hash is {leafHash.Length} bytes, not {Hash256.Size}");
        if (CheckParts(proof) is { IsValid: false } bad) return bad;
        var (inner, border) = Decompose(index, size);
        if (proof.Count != inner + border)
            return ProofCheck.Invalid($"the inclusion proof has {proof.Count} hashes; leaf {index} of a tree of size {size} needs {inner + border}");
        var seed = ChainInner(leafHash.ToArray(), proof, 0, inner, index);
        root = ChainBorderRight(seed, proof, inner, border);
        return ProofCheck.Valid;
    }

    public static ProofCheck VerifyConsistency(long size1, long size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        if (size1 < 0 || size2 < size1) return ProofCheck.Invalid($"size1 {size1} is greater than size2 {size2}, or negative");
        // Any tree is an extension of the empty one: such a "proof" proves nothing, so it is refused.
        if (size1 == 0) return ProofCheck.Invalid("a consistency proof from the empty tree proves nothing");
        if (size1 == size2)
        {
            if (proof.Count > 0) return ProofCheck.Invalid($"the sizes are equal but the proof holds {proof.Count} hashes");
            return root1.SequenceEqual(root2) ? ProofCheck.Valid : ProofCheck.Invalid("the sizes are equal but the roots differ");
        }
        if (proof.Count == 0) return ProofCheck.Invalid($"the consistency proof from {size1} to {size2} is empty");
        if (CheckParts(proof) is { IsValid: false } bad) return bad;

        var (inner, border) = Decompose(size1 - 1, size2);
        var shift = BitOperations.TrailingZeroCount((ulong)size1);
        inner -= shift;
        // The proof starts with the hash of the subtree of size 2^shift, unless size1 is that subtree.
        byte[] seed;
        int start;
        if (size1 == 1L << shift)
        {
            seed = root1.ToArray();
            start = 0;
        }
        else
        {
            seed = proof[0];
            start = 1;
        }
        if (proof.Count != start + inner + border)
            return ProofCheck.Invalid($"the consistency proof has {proof.Count} hashes; from {size1} to {size2} needs {start + inner + border}");

        var mask = (size1 - 1) >> shift;
        var hash1 = ChainInnerRight(seed, proof, start, inner, mask);
        hash1 = ChainBorderRight(hash1, proof, start + inner, border);
        if (!hash1.AsSpan().SequenceEqual(root1)) return ProofCheck.Invalid($"the consistency proof does not lead to the root of size {size1}");
        var hash2 = ChainInner(seed, proof, start, inner, mask);
        hash2 = ChainBorderRight(hash2, proof, start + inner, border);
        return hash2.AsSpan().SequenceEqual(root2)
            ? ProofCheck.Valid
            : ProofCheck.Invalid($"the consistency proof does not lead to the root of size {size2}");
    }

    public static ProofCheck VerifyConsistency(long size1, long size2, IReadOnlyList<Hash256> proof, Hash256 root1, Hash256 root2) =>
        VerifyConsistency(size1, size2, [.. proof.Select(p => p.ToBytes())], root1.ToBytes(), root2.ToBytes());

    private static ProofCheck CheckParts(IReadOnlyList<byte[]> proof)
    {
        for (var i = 0; i < proof.Count; i++)
            if (proof[i] is null || proof[i].Length != Hash256.Size)
                return ProofCheck.Invalid($"proof hash {i} is {proof[i]?.Length ?? 0} bytes, not {Hash256.Size}");
        return ProofCheck.Valid;
    }

    /// <summary>How many proof hashes lie below the point where the leaf's path meets the right border, and how many on it.</summary>
    private static (int Inner, int Border) Decompose(long index, long size)
    {
        var inner = 64 - BitOperations.LeadingZeroCount((ulong)(index ^ (size - 1)));
        var border = BitOperations.PopCount((ulong)index >> inner);
        return (inner, border);
    }

    private static byte[] ChainInner(byte[] seed, IReadOnlyList<byte[]> proof, int from, int count, long index)
    {
        for (var i = 0; i < count; i++)
            seed = ((index >> i) & 1) == 0 ? Rfc6962.NodeHash(seed, proof[from + i]) : Rfc6962.NodeHash(proof[from + i], seed);
        return seed;
    }

    private static byte[] ChainInnerRight(byte[] seed, IReadOnlyList<byte[]> proof, int from, int count, long index)
    {
        for (var i = 0; i < count; i++)
            if (((index >> i) & 1) == 1) seed = Rfc6962.NodeHash(proof[from + i], seed);
        return seed;
    }

    private static byte[] ChainBorderRight(byte[] seed, IReadOnlyList<byte[]> proof, int from, int count)
    {
        for (var i = 0; i < count; i++) seed = Rfc6962.NodeHash(proof[from + i], seed);
        return seed;
    }
}
