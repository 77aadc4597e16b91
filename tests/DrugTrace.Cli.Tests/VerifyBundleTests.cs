using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Cli.Tests;

/// <summary>A proof bundle built from a small synthetic log, verified, then damaged every way a file can be.</summary>
public sealed class VerifyBundleTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("drugtrace-cli-").FullName;
    private readonly NoteSigner _log = NoteSigner.Generate("drugtrace.example/log");
    private readonly Cosigner _witness = Cosigner.Generate("regulator.example/witness");

    private (string Json, LedgerEvent[] Pack) Bundle(bool cosign = true)
    {
        // A log of 40 events: other packs' commissionings around one pack's three events.
        var leaves = new List<Hash256>();
        var pack = new List<(long Index, LedgerEvent Event)>();
        LedgerEvent? head = null;
        for (var i = 0; i < 40; i++)
        {
            LedgerEvent e;
            if (i is 5 or 17 or 33)
            {
                e = head is null
                    ? LedgerEvents.First(StreamKind.Pack, "09506000134352", "SN1", EventType.Commissioned, "4012345000016", "LOT1", new DateOnly(2028, 1, 31), T0)
                    : LedgerEvents.Next(new ChainHead(head.Seq, head.Hash), StreamKind.Pack, "09506000134352", "SN1",
                        head.Seq == 0 ? EventType.Shipped : EventType.Received, head.Seq == 0 ? "4012345000016" : "4012347000014", T0.AddHours(i),
                        from: "4012345000016", to: "4012347000014");
                head = e;
                pack.Add((i, e));
            }
            else e = LedgerEvents.First(StreamKind.Pack, "09506000134352", $"OTHER{i}", EventType.Commissioned, "4012345000016", "LOT1", new DateOnly(2028, 1, 31), T0);
            leaves.Add(Rfc6962.LeafHash(e.Hash));
        }
        var nodes = new Levels(leaves);
        var root = MerkleProofs.Root(nodes, leaves.Count);
        var text = new Checkpoint(_log.Name, leaves.Count, root).Text;
        var note = text + "\n" + _log.SignatureLine(text) + (cosign ? _witness.SignatureLine(text, 1_764_579_600) : "");
        var entries = pack.Select(p => new ProofBundle.Entry(p.Index, p.Event, MerkleProofs.Inclusion(nodes, p.Index, leaves.Count))).ToList();
        return (ProofBundle.Write("09506000134352", "SN1", note, entries), [.. pack.Select(p => p.Event)]);
    }

    private sealed class Levels : INodeSource
    {
        private readonly List<List<Hash256>> _levels = [];

        public Levels(List<Hash256> leaves)
        {
            _levels.Add(leaves);
            while (_levels[^1].Count > 1)
                _levels.Add([.. Enumerable.Range(0, _levels[^1].Count / 2).Select(i => Rfc6962.NodeHash(_levels[^1][2 * i], _levels[^1][2 * i + 1]))]);
        }

        public Hash256 Node(int level, long index) => _levels[level][(int)index];
    }

    private string Save(string json)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    private Task<(int Exit, string Output, string Error)> VerifyAsync(string json, bool withWitness = true) =>
        Cli.RunAsync(withWitness
            ? ["verify-bundle", Save(json), "--log-key", _log.Verifier.VerifierKey, "--witness-key", _witness.Verifier.VerifierKey]
            : ["verify-bundle", Save(json), "--log-key", _log.Verifier.VerifierKey]);

    [Fact]
    public async Task A_genuine_bundle_verifies_offline_and_says_what_was_checked()
    {
        var (exit, output, error) = await VerifyAsync(Bundle().Json);
        Assert.True(exit == 0, output + error);
        Assert.Contains("signed by the log", output);
        Assert.Contains("cosigned by witness regulator.example/witness", output);
        Assert.Contains("seq 2 (Received): hash recomputed from its canonical body, links to seq 1", output);
        Assert.Contains("seq 1 is leaf 17 of the checkpoint's tree of 40", output);
        Assert.Contains("VALID", output);
    }

    [Fact]
    public async Task A_missing_witness_cosignature_fails_when_that_witness_is_required()
    {
        var (exit, _, error) = await VerifyAsync(Bundle(cosign: false).Json);
        Assert.Equal(1, exit);
        Assert.Contains("not cosigned by witness", error);
        Assert.Equal(0, (await VerifyAsync(Bundle(cosign: false).Json, withWitness: false)).Exit);
    }

    [Fact]
    public async Task The_wrong_log_key_fails()
    {
        var other = NoteSigner.Generate("drugtrace.example/log");
        var (exit, _, error) = await Cli.RunAsync("verify-bundle", Save(Bundle().Json), "--log-key", other.Verifier.VerifierKey);
        Assert.Equal(1, exit);
        Assert.Contains("no signature is from a trusted key", error);
    }

    [Theory]
    [InlineData("\"actor\":\"4012347000014\"", "\"actor\":\"4012347000099\"", "altered")]
    [InlineData("\"seq\":1", "\"seq\":7", "altered")]
    [InlineData("\"logIndex\": 17", "\"logIndex\": 18", "leads to another root")]
    [InlineData("\"logIndex\": 33", "\"logIndex\": 99", "not below tree size")]
    [InlineData("\"serial\": \"SN1\"", "\"serial\": \"SN2\"", "not an event of pack")]
    [InlineData("drugtrace.example/log\\n40\\n", "drugtrace.example/log\\n41\\n", "does not verify")]
    public async Task A_changed_value_names_what_is_wrong(string from, string to, string expected)
    {
        var json = Bundle().Json;
        Assert.Contains(from, json);
        var (exit, _, error) = await VerifyAsync(json.Replace(from, to, StringComparison.Ordinal));
        Assert.Equal(1, exit);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task A_changed_character_anywhere_in_an_event_fails()
    {
        var json = Bundle().Json;
        var start = json.IndexOf("\"events\"", StringComparison.Ordinal);
        for (var i = start + 12; i < json.Length - 10; i += 7)
        {
            var c = json[i];
            if (!char.IsAsciiLetterOrDigit(c)) continue;
            var changed = json[..i] + (c == 'a' ? 'b' : c == '9' ? '8' : (char)(c + 1)) + json[(i + 1)..];
            Assert.Equal(1, (await VerifyAsync(changed)).Exit);
        }
    }

    [Fact]
    public async Task A_truncated_or_foreign_file_fails_without_crashing()
    {
        var json = Bundle().Json;
        foreach (var broken in new[] { json[..(json.Length / 2)], "", "[]", "{\"format\":\"something else\"}", "\u0000\u0001binary" })
        {
            var (exit, _, error) = await VerifyAsync(broken);
            Assert.Equal(1, exit);
            Assert.StartsWith("FAIL ", error);
        }
    }

    [Fact]
    public async Task An_event_removed_from_the_bundle_breaks_the_chain()
    {
        var json = Bundle().Json;
        var doc = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        doc["events"]!.AsArray().RemoveAt(1);
        var (exit, _, error) = await VerifyAsync(doc.ToJsonString());
        Assert.Equal(1, exit);
        Assert.Contains("gap", error);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
