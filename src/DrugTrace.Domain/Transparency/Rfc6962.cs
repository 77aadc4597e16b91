using DrugTrace.Domain.Ledger;

namespace DrugTrace.Domain.Transparency;

/// <summary>RFC 9162 section 2.1 hashing: leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right).</summary>
public static class Rfc6962
{
    /// <summary>The root of the empty tree: SHA-256 of nothing.</summary>
    public static readonly Hash256 EmptyRoot = Sha256.Hash(ReadOnlySpan<byte>.Empty);

    /// <summary>A log leaf: the leaf input is the event's 32 hash bytes.</summary>
    public static Hash256 LeafHash(Hash256 eventHash)
    {
        Span<byte> input = stackalloc byte[1 + Hash256.Size];
        input[0] = 0x00;
        eventHash.WriteTo(input[1..]);
        // A proof or a tile root is hundreds of these small hashes: see Sha256 for why not SHA256.HashData.
        return Sha256.Hash(input);
    }

    public static Hash256 NodeHash(Hash256 left, Hash256 right)
    {
        Span<byte> input = stackalloc byte[1 + 2 * Hash256.Size];
        input[0] = 0x01;
        left.WriteTo(input[1..]);
        right.WriteTo(input[(1 + Hash256.Size)..]);
        return Sha256.Hash(input);
    }

    /// <summary>The node hash of raw byte strings, for proofs whose parts may be of any length.</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var input = new byte[1 + left.Length + right.Length];
        input[0] = 0x01;
        left.CopyTo(input.AsSpan(1));
        right.CopyTo(input.AsSpan(1 + left.Length));
        var digest = new byte[Sha256.Size];
        Sha256.Hash(input, digest);
        return digest;
    }

    /// <summary>The root of a run of hashes at one level (MTH of RFC 9162, over already-hashed leaves or nodes).</summary>
    public static Hash256 Root(ReadOnlySpan<Hash256> hashes)
    {
        if (hashes.Length == 0) return EmptyRoot;
        var folder = new CompactRange();
        foreach (var h in hashes) folder.Append(h);
        return folder.Root();
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n &gt; 1): RFC 9162's split point k.</summary>
    public static long SplitPoint(long n) => 1L << (63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(n - 1)));
}
