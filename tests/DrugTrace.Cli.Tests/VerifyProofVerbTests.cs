using System.Text.Json;

namespace DrugTrace.Cli.Tests;

/// <summary>Every transparency-dev vector through verify-inclusion and verify-consistency, as a shell would pass it.</summary>
public class VerifyProofVerbTests
{
    private static string Root => Path.Combine(AppContext.BaseDirectory, "TestData", "Merkle", "testdata");

    public static TheoryData<string> Files(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Root, kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Root, f));
        return data;
    }

    public static TheoryData<string> InclusionFiles => Files("inclusion");
    public static TheoryData<string> ConsistencyFiles => Files("consistency");

    private static JsonElement Read(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, file))).RootElement;

    /// <summary>The --proof option as a shell passes it: left out for an empty proof.</summary>
    private static string[] Proof(JsonElement v) =>
        v.TryGetProperty("proof", out var p) && p.ValueKind == JsonValueKind.Array && p.GetArrayLength() > 0
            ? ["--proof", string.Join(",", p.EnumerateArray().Select(x => x.GetString()))]
            : [];

    private static string Raw(JsonElement v, string name) => v.GetProperty(name).ValueKind == JsonValueKind.Number ? v.GetProperty(name).GetRawText() : v.GetProperty(name).GetString()!;

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public async Task Verify_inclusion_exits_0_exactly_for_a_valid_vector(string file)
    {
        var v = Read(file);
        var (exit, output, error) = await Cli.RunAsync(["verify-inclusion", "--leaf-hash", Raw(v, "leafHash"), "--index", Raw(v, "leafIdx"),
            "--size", Raw(v, "treeSize"), "--root", Raw(v, "root"), .. Proof(v)]);
        var valid = !v.GetProperty("wantErr").GetBoolean();
        Assert.True(exit == (valid ? 0 : 1), $"{file}: exit {exit}, {output}{error}");
        Assert.Contains(valid ? "VALID" : "", output);
        if (!valid) Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public async Task Verify_consistency_exits_0_exactly_for_a_valid_vector(string file)
    {
        var v = Read(file);
        var (exit, output, error) = await Cli.RunAsync(["verify-consistency", "--size1", Raw(v, "size1"), "--size2", Raw(v, "size2"),
            "--root1", Raw(v, "root1"), "--root2", Raw(v, "root2"), .. Proof(v)]);
        Assert.True(exit == (v.GetProperty("wantErr").GetBoolean() ? 1 : 0), $"{file}: exit {exit}, {output}{error}");
    }

    [Theory]
    [InlineData("verify-inclusion")]
    [InlineData("verify-inclusion", "--index", "1", "--size")]
    [InlineData("verify-inclusion", "--index", "x", "--size", "2", "--root", "AAAA", "--leaf-hash", "AAAA")]
    [InlineData("verify-consistency", "--size1", "1", "--size2", "2", "--root1", "not base64!", "--root2", "AAAA")]
    [InlineData("frobnicate")]
    [InlineData("verify-bundle")]
    [InlineData("verify-bundle", "/no/such/file.json", "--log-key", "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("verify-bundle", "x.json", "--log-key", "not-a-key")]
    [InlineData("monitor", "ftp://example")]
    public async Task Bad_arguments_say_what_is_wrong_and_exit_1(params string[] args)
    {
        var (exit, _, error) = await Cli.RunAsync(args);
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", error);
    }
}
