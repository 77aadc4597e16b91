using System.Text.Json;

namespace DrugTrace.Domain.Tests.Transparency;

/// <summary>The transparency-dev/merkle proof vectors copied under TestData/Merkle (with their licence).</summary>
public static class MerkleTestVectors
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData", "Merkle", "testdata");

    public static TheoryData<string> Files(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Root, kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Root, f));
        return data;
    }

    public static JsonElement Read(string relative) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, relative))).RootElement;

    public static byte[] Bytes(JsonElement e, string name) => Convert.FromBase64String(e.GetProperty(name).GetString() ?? "");

    public static byte[][] Proof(JsonElement e) =>
        e.TryGetProperty("proof", out var p) && p.ValueKind == JsonValueKind.Array
            ? [.. p.EnumerateArray().Select(x => Convert.FromBase64String(x.GetString() ?? ""))]
            : [];
}
