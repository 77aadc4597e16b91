using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

public sealed class ProofVerifierRefusalTests
{
    private static readonly Hash256[] Leaves = [.. Enumerable.Range(1, 8).Select(i => Rfc6962.LeafHash(Hash256.FromBytes(Enumerable.Repeat((byte)i, 32).ToArray())))];

    /// <summary>Every perfect subtree hashed from the leaves themselves.</summary>
    private sealed class Tree : INodeSource
    {
        public Hash256 Node(int level, long index) => Rfc6962.Root(Leaves.AsSpan((int)(index << level), 1 << level));
    }

    private static Hash256 Root(long size) => MerkleProofs.Root(new Tree(), size);

    private static ProofCheck Inclusion(long index, long size) =>
        ProofVerifier.VerifyInclusion(index, size, Leaves[Math.Clamp(index, 0, 7)], MerkleProofs.Inclusion(new Tree(), Math.Clamp(index, 0, 7), Math.Clamp(size, 1, 8)), Root(Math.Clamp(size, 1, 8)));

    private static byte[] Bytes(Hash256 h) => h.ToBytes();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 3)]
    [InlineData(2, 3)]
    [InlineData(4, 8)]
    [InlineData(7, 8)]
    public void A_proof_of_a_leaf_in_the_tree_is_valid(long index, long size) => Assert.Equal(ProofCheck.Valid, Inclusion(index, size));

    [Theory]
    [InlineData(0, 0, "a tree of size 0 holds no leaf")]
    [InlineData(0, -1, "a tree of size -1 holds no leaf")]
    [InlineData(-1, 3, "leaf index -1 is not below tree size 3")]
    [InlineData(3, 3, "leaf index 3 is not below tree size 3")]
    public void A_leaf_outside_the_tree_is_refused_in_words(long index, long size, string problem)
    {
        var check = ProofVerifier.VerifyInclusion(index, size, Bytes(Leaves[0]), [], Bytes(Root(1)));
        Assert.Equal(ProofCheck.Invalid(problem), check);
        Assert.Empty(RootOf(index, size, Bytes(Leaves[0]), []));
    }

    private static byte[] RootOf(long index, long size, byte[] leaf, IReadOnlyList<byte[]> proof)
    {
        ProofVerifier.RootFromInclusion(index, size, leaf, proof, out var root);
        return root;
    }

    [Fact]
    public void Hashes_of_the_wrong_length_are_refused_in_words()
    {
        var proof = MerkleProofs.Inclusion(new Tree(), 0, 3).Select(Bytes).ToList();
        Assert.Equal(ProofCheck.Invalid("the leaf hash is 31 bytes, not 32"),
            ProofVerifier.VerifyInclusion(0, 3, new byte[31], proof, Bytes(Root(3))));
        Assert.Equal(ProofCheck.Invalid("proof hash 1 is 33 bytes, not 32"),
            ProofVerifier.VerifyInclusion(0, 3, Bytes(Leaves[0]), [proof[0], new byte[33]], Bytes(Root(3))));
        Assert.Equal(ProofCheck.Invalid("proof hash 0 is 0 bytes, not 32"),
            ProofVerifier.VerifyInclusion(0, 3, Bytes(Leaves[0]), [null!, proof[1]], Bytes(Root(3))));
    }

    [Fact]
    public void A_proof_of_the_wrong_length_or_to_another_root_is_refused_in_words()
    {
        var proof = MerkleProofs.Inclusion(new Tree(), 0, 3).Select(Bytes).ToList();
        Assert.Equal(ProofCheck.Invalid("the inclusion proof has 1 hashes; leaf 0 of a tree of size 3 needs 2"),
            ProofVerifier.VerifyInclusion(0, 3, Bytes(Leaves[0]), [proof[0]], Bytes(Root(3))));
        Assert.Equal(ProofCheck.Invalid("the inclusion proof has 3 hashes; leaf 0 of a tree of size 3 needs 2"),
            ProofVerifier.VerifyInclusion(0, 3, Bytes(Leaves[0]), [.. proof, proof[0]], Bytes(Root(3))));
        Assert.Equal(ProofCheck.Invalid("the inclusion proof of leaf 0 leads to another root than the one of tree size 3"),
            ProofVerifier.VerifyInclusion(0, 3, Bytes(Leaves[1]), proof, Bytes(Root(3))));
        Assert.Equal(Bytes(Root(3)), RootOf(0, 3, Bytes(Leaves[0]), proof));
    }

    private static ProofCheck Consistency(long size1, long size2, IReadOnlyList<Hash256>? proof = null, Hash256? root1 = null, Hash256? root2 = null) =>
        ProofVerifier.VerifyConsistency(size1, size2, proof ?? MerkleProofs.Consistency(new Tree(), size1, size2),
            root1 ?? Root(Math.Max(size1, 1)), root2 ?? Root(Math.Max(size2, 1)));

    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 8)]
    [InlineData(2, 3)]
    [InlineData(3, 7)]
    [InlineData(4, 8)]
    [InlineData(6, 8)]
    public void A_consistency_proof_between_two_sizes_is_valid(long size1, long size2) =>
        Assert.Equal(ProofCheck.Valid, Consistency(size1, size2));

    [Theory]
    [InlineData(-1, 3, "size1 -1 is greater than size2 3, or negative")]
    [InlineData(4, 3, "size1 4 is greater than size2 3, or negative")]
    [InlineData(0, 3, "a consistency proof from the empty tree proves nothing")]
    [InlineData(0, 0, "a consistency proof from the empty tree proves nothing")]
    public void Sizes_that_prove_nothing_are_refused_in_words(long size1, long size2, string problem) =>
        Assert.Equal(ProofCheck.Invalid(problem), Consistency(size1, size2, [], Root(1), Root(3)));

    [Fact]
    public void Equal_sizes_need_an_empty_proof_and_equal_roots()
    {
        Assert.Equal(ProofCheck.Valid, Consistency(3, 3, []));
        Assert.Equal(ProofCheck.Invalid("the sizes are equal but the proof holds 1 hashes"), Consistency(3, 3, [Leaves[0]]));
        Assert.Equal(ProofCheck.Invalid("the sizes are equal but the roots differ"), Consistency(3, 3, [], Root(3), Root(4)));
    }

    [Fact]
    public void A_consistency_proof_of_the_wrong_shape_or_roots_is_refused_in_words()
    {
        var proof = MerkleProofs.Consistency(new Tree(), 3, 7);
        Assert.Equal(ProofCheck.Invalid("the consistency proof from 3 to 7 is empty"), Consistency(3, 7, []));
        Assert.Equal(ProofCheck.Invalid($"the consistency proof has {proof.Count - 1} hashes; from 3 to 7 needs {proof.Count}"),
            Consistency(3, 7, proof.Take(proof.Count - 1).ToList()));
        Assert.Equal(ProofCheck.Invalid($"the consistency proof has {proof.Count + 1} hashes; from 3 to 7 needs {proof.Count}"),
            Consistency(3, 7, [.. proof, Leaves[0]]));
        Assert.Equal(ProofCheck.Invalid("the consistency proof does not lead to the root of size 3"), Consistency(3, 7, proof, root1: Root(4)));
        Assert.Equal(ProofCheck.Invalid("the consistency proof does not lead to the root of size 7"), Consistency(3, 7, proof, root2: Root(6)));
        var fromFour = MerkleProofs.Consistency(new Tree(), 4, 8);
        Assert.Equal(ProofCheck.Invalid("the consistency proof does not lead to the root of size 8"), Consistency(4, 8, fromFour, root2: Root(7)));
        // From a perfect subtree the proof starts at root1 itself: a wrong root1 shows only at the end.
        Assert.Equal(ProofCheck.Invalid("the consistency proof does not lead to the root of size 8"), Consistency(4, 8, fromFour, root1: Root(3)));
        Assert.Equal(ProofCheck.Invalid("proof hash 0 is 31 bytes, not 32"),
            ProofVerifier.VerifyConsistency(3, 7, [new byte[31], .. proof.Skip(1).Select(Bytes)], Bytes(Root(3)), Bytes(Root(7))));
    }
    [Fact]
    public void The_needed_count_adds_the_border_hashes()
    {
        // Leaf 2 of 3 has no inner hash and one border hash; 6 to 7 needs its seed, one inner and one border hash.
        var inclusion = MerkleProofs.Inclusion(new Tree(), 2, 3).Select(Bytes).ToList();
        Assert.Single(inclusion);
        Assert.Equal(ProofCheck.Invalid("the inclusion proof has 2 hashes; leaf 2 of a tree of size 3 needs 1"),
            ProofVerifier.VerifyInclusion(2, 3, Bytes(Leaves[2]), [.. inclusion, inclusion[0]], Bytes(Root(3))));
        var consistency = MerkleProofs.Consistency(new Tree(), 6, 7);
        Assert.Equal(3, consistency.Count);
        Assert.Equal(ProofCheck.Invalid("the consistency proof has 2 hashes; from 6 to 7 needs 3"), Consistency(6, 7, consistency.Take(2).ToList()));
    }
}
