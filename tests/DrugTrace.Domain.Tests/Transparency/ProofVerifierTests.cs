using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

public class ProofVerifierTests
{
    public static TheoryData<string> InclusionFiles => MerkleTestVectors.Files("inclusion");
    public static TheoryData<string> ConsistencyFiles => MerkleTestVectors.Files("consistency");

    // The vectors are uint64; a value beyond long.MaxValue arrives as a negative number and must be refused.
    private static long Number(System.Text.Json.JsonElement v, string name) => unchecked((long)v.GetProperty(name).GetUInt64());

    [Fact]
    public void Every_vector_file_is_there()
    {
        Assert.Equal(196, Directory.GetFiles(MerkleTestVectors.Root, "*.json", SearchOption.AllDirectories).Length);
        Assert.True(File.Exists(Path.Combine(MerkleTestVectors.Root, "..", "LICENSE")));
    }

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void Inclusion_vector_verifies_exactly_when_it_should(string file)
    {
        var v = MerkleTestVectors.Read(file);
        var check = ProofVerifier.VerifyInclusion(
            Number(v, "leafIdx"), Number(v, "treeSize"),
            MerkleTestVectors.Bytes(v, "leafHash"), MerkleTestVectors.Proof(v), MerkleTestVectors.Bytes(v, "root"));
        Assert.True(check.IsValid != v.GetProperty("wantErr").GetBoolean(), $"{file} ({v.GetProperty("desc")}): {check}");
        if (!check.IsValid) Assert.False(string.IsNullOrWhiteSpace(check.Problem));
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void Consistency_vector_verifies_exactly_when_it_should(string file)
    {
        var v = MerkleTestVectors.Read(file);
        var check = ProofVerifier.VerifyConsistency(
            Number(v, "size1"), Number(v, "size2"), MerkleTestVectors.Proof(v),
            MerkleTestVectors.Bytes(v, "root1"), MerkleTestVectors.Bytes(v, "root2"));
        Assert.True(check.IsValid != v.GetProperty("wantErr").GetBoolean(), $"{file} ({v.GetProperty("desc")}): {check}");
    }
}
