using System.Security.Cryptography;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

public class MerkleProofsTests
{
    // transparency-dev/merkle testonly/constants.go: the reference tree's leaf inputs.
    private static readonly string[] LeafInputs =
        ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static Hash256 RawLeaf(string hex) =>
        Hash256.FromBytes(SHA256.HashData([0x00, .. Convert.FromHexString(hex)]));

    /// <summary>Keeps every level in memory: the simplest correct node source to test the tiled one against.</summary>
    private sealed class AllLevels : INodeSource
    {
        private readonly List<List<Hash256>> _levels = [[]];

        public AllLevels(IEnumerable<Hash256> leaves)
        {
            foreach (var leaf in leaves) Append(leaf);
        }

        public void Append(Hash256 leaf)
        {
            _levels[0].Add(leaf);
            for (var l = 0; _levels[l].Count % 2 == 0; l++)
            {
                if (_levels.Count == l + 1) _levels.Add([]);
                var row = _levels[l];
                _levels[l + 1].Add(Rfc6962.NodeHash(row[^2], row[^1]));
            }
        }

        public Hash256 Node(int level, long index) => _levels[level][(int)index];
    }

    [Fact]
    public void The_reference_tree_has_the_published_root()
    {
        var nodes = new AllLevels(LeafInputs.Select(RawLeaf));
        Assert.Equal("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328", MerkleProofs.Root(nodes, 8).ToHex());
        var range = new CompactRange();
        foreach (var l in LeafInputs) range.Append(RawLeaf(l));
        Assert.Equal(MerkleProofs.Root(nodes, 8), range.Root());
    }

    [Fact]
    public void The_empty_tree_root_is_the_hash_of_nothing()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Rfc6962.EmptyRoot.ToHex());
        Assert.Equal(Rfc6962.EmptyRoot, new CompactRange().Root());
    }

    [Theory]
    [InlineData("inclusion/1/happy-path.json")]
    [InlineData("inclusion/2/happy-path.json")]
    [InlineData("inclusion/3/happy-path.json")]
    [InlineData("inclusion/4/happy-path.json")]
    public void Generated_inclusion_proofs_equal_the_reference_vectors(string file)
    {
        var v = MerkleTestVectors.Read(file);
        var size = v.GetProperty("treeSize").GetInt64();
        var nodes = new AllLevels(LeafInputs.Take((int)size).Select(RawLeaf));
        var proof = MerkleProofs.Inclusion(nodes, v.GetProperty("leafIdx").GetInt64(), size);
        Assert.Equal(MerkleTestVectors.Proof(v).Select(Convert.ToBase64String), proof.Select(h => Convert.ToBase64String(h.ToBytes())));
        Assert.Equal(Convert.ToBase64String(MerkleTestVectors.Bytes(v, "root")), Convert.ToBase64String(MerkleProofs.Root(nodes, size).ToBytes()));
    }

    [Theory]
    [InlineData("consistency/1/happy-path.json")]
    [InlineData("consistency/2/happy-path.json")]
    [InlineData("consistency/3/happy-path.json")]
    [InlineData("consistency/4/happy-path.json")]
    public void Generated_consistency_proofs_equal_the_reference_vectors(string file)
    {
        var v = MerkleTestVectors.Read(file);
        var nodes = new AllLevels(LeafInputs.Select(RawLeaf));
        var proof = MerkleProofs.Consistency(nodes, v.GetProperty("size1").GetInt64(), v.GetProperty("size2").GetInt64());
        Assert.Equal(MerkleTestVectors.Proof(v).Select(Convert.ToBase64String), proof.Select(h => Convert.ToBase64String(h.ToBytes())));
    }

    [Fact]
    public void Every_proof_of_every_small_tree_verifies_and_a_wrong_root_does_not()
    {
        var leaves = Enumerable.Range(0, 40).Select(i => RawLeaf(i.ToString("x4"))).ToList();
        var nodes = new AllLevels(leaves);
        for (var size = 1; size <= leaves.Count; size++)
        {
            var root = MerkleProofs.Root(nodes, size);
            for (var i = 0; i < size; i++)
            {
                var proof = MerkleProofs.Inclusion(nodes, i, size);
                Assert.True(ProofVerifier.VerifyInclusion(i, size, leaves[i], proof, root).IsValid, $"leaf {i} of {size}");
                Assert.False(ProofVerifier.VerifyInclusion(i, size, leaves[(i + 1) % leaves.Count], proof, root).IsValid);
            }
            for (var m = 1; m < size; m++)
            {
                var proof = MerkleProofs.Consistency(nodes, m, size);
                var old = MerkleProofs.Root(nodes, m);
                Assert.True(ProofVerifier.VerifyConsistency(m, size, proof, old, root).IsValid, $"{m} -> {size}");
                Assert.False(ProofVerifier.VerifyConsistency(m, size, proof, root, old).IsValid);
            }
        }
    }

    [Fact]
    public void Tiles_answer_the_same_nodes_as_the_whole_tree()
    {
        // 70,000 leaves: two full tile levels and partial tiles at the right edge.
        const int n = 70_000;
        var leaves = Enumerable.Range(0, n).Select(i => Rfc6962.LeafHash(Hash256.FromBytes(SHA256.HashData(BitConverter.GetBytes(i))))).ToList();
        var all = new AllLevels(leaves);
        // The stored levels, as a store keeps them while appending.
        var stored = new Dictionary<(int, long), Hash256>();
        for (long i = 0; i < n; i++)
            foreach (var (level, index) in LogTiles.NodesCompletedBy(i))
                stored[(level, index)] = MerkleProofs.SubtreeHash(all, index << (8 * level), (index + 1) << (8 * level));
        Assert.Equal(n / 256 + 1, stored.Count);

        foreach (var (size, index) in new (long, long)[] { (n, 0), (n, n - 1), (n, 65_535), (65_536, 300), (257, 256), (1, 0), (n - 7, 12_345) })
        {
            var tiles = new TileNodes(size);
            foreach (var (tl, ti, width) in TileNodes.TilesFor(size, src => { MerkleProofs.Inclusion(src, index, size); MerkleProofs.Root(src, size); }))
                tiles.Add(tl, ti, [.. Enumerable.Range(0, width).Select(k => tl == 0 ? leaves[(int)(ti * 256 + k)] : stored[(tl, ti * 256 + k)])]);
            Assert.Equal(MerkleProofs.Root(all, size), MerkleProofs.Root(tiles, size));
            Assert.Equal(MerkleProofs.Inclusion(all, index, size), MerkleProofs.Inclusion(tiles, index, size));
        }
    }

    [Theory]
    [InlineData(0, "000")]
    [InlineData(67, "067")]
    [InlineData(1234067, "x001/x234/067")]
    [InlineData(1000, "x001/000")]
    public void Tile_indexes_use_the_x_path_form(long index, string path)
    {
        Assert.Equal(path, LogTiles.FormatIndex(index));
        Assert.True(LogTiles.TryParseIndex(path, out var parsed));
        Assert.Equal(index, parsed);
    }

    [Theory]
    [InlineData("67")]
    [InlineData("x067")]
    [InlineData("001/067")]
    [InlineData("x000/067")]
    [InlineData("x1/067")]
    [InlineData("abc")]
    [InlineData("")]
    public void Non_canonical_tile_indexes_are_refused(string path) => Assert.False(LogTiles.TryParseIndex(path, out _));
    [Fact]
    public void A_tree_of_no_leaves_has_the_empty_root_without_asking_for_a_node()
    {
        var nodes = new AllLevels([]);
        Assert.Equal(Rfc6962.EmptyRoot, MerkleProofs.Root(nodes, 0));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 5)]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    public void An_inclusion_proof_of_a_leaf_outside_the_tree_is_refused_in_words(long index, long size)
    {
        var nodes = new AllLevels(LeafInputs.Select(RawLeaf));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.Inclusion(nodes, index, size));
        Assert.StartsWith($"Leaf {index} is not in a tree of size {size}.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(5, 3)]
    public void A_consistency_proof_backwards_or_from_a_negative_size_is_refused_in_words(long from, long to)
    {
        var nodes = new AllLevels(LeafInputs.Select(RawLeaf));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.Consistency(nodes, from, to));
        Assert.StartsWith($"No consistency proof from size {from} to size {to}.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(0, 8)]
    [InlineData(5, 5)]
    [InlineData(0, 0)]
    public void A_consistency_proof_from_nothing_or_to_the_same_size_is_empty(long from, long to)
    {
        var nodes = new AllLevels(LeafInputs.Select(RawLeaf));
        Assert.Empty(MerkleProofs.Consistency(nodes, from, to));
    }
}
