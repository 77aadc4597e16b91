using System.Text.Json.Nodes;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Tests.Transparency;

/// <summary>
/// The proof bundle written and verified in Domain alone: a small synthetic log holds one pack's three
/// events among other packs' commissionings; the bundle is checked, then damaged one way at a time, and
/// each damage must be refused with the words that name it.
/// </summary>
public class ProofBundleTests
{
    private const string Gtin = "09506000134352";
    private const string Serial = "SN1";
    private const string Maker = "4012345000016";
    private const string Pharmacy = "4012347000014";
    private const long CosignedAt = 1_764_579_600; // 2025-12-01 09:00:00 UTC
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly long[] PackLeaves = [5, 17, 33];

    private readonly NoteSigner _log = NoteSigner.Generate("drugtrace.example/log");
    private readonly Cosigner _witness = Cosigner.Generate("regulator.example/witness");

    private sealed record Log(List<Hash256> Leaves, Levels Nodes, List<(long Index, LedgerEvent Event)> Pack)
    {
        public Hash256 Root => MerkleProofs.Root(Nodes, Leaves.Count);

        public List<ProofBundle.Entry> Entries() =>
            [.. Pack.Select(p => new ProofBundle.Entry(p.Index, p.Event, MerkleProofs.Inclusion(Nodes, p.Index, Leaves.Count)))];
    }

    /// <summary>40 leaves; the pack's events at 5, 17 and 33 (or the events given, in that order).</summary>
    private static Log BuildLog(IReadOnlyList<LedgerEvent>? packEvents = null)
    {
        packEvents ??= GenuinePackEvents();
        var leaves = new List<Hash256>();
        var pack = new List<(long, LedgerEvent)>();
        for (var i = 0; i < 40; i++)
        {
            var at = Array.IndexOf(PackLeaves, i);
            var e = at >= 0 && at < packEvents.Count
                ? packEvents[at]
                : LedgerEvents.First(StreamKind.Pack, Gtin, $"OTHER{i}", EventType.Commissioned, Maker, "LOT1", new DateOnly(2028, 1, 31), T0);
            if (at >= 0 && at < packEvents.Count) pack.Add((i, e));
            leaves.Add(Rfc6962.LeafHash(e.Hash));
        }
        return new Log(leaves, new Levels(leaves), pack);
    }

    private static LedgerEvent[] GenuinePackEvents()
    {
        var commissioned = LedgerEvents.First(StreamKind.Pack, Gtin, Serial, EventType.Commissioned, Maker, "LOT1", new DateOnly(2028, 1, 31), T0);
        var shipped = LedgerEvents.Next(new ChainHead(0, commissioned.Hash), StreamKind.Pack, Gtin, Serial, EventType.Shipped, Maker,
            T0.AddHours(1), from: Maker, to: Pharmacy);
        var received = LedgerEvents.Next(new ChainHead(1, shipped.Hash), StreamKind.Pack, Gtin, Serial, EventType.Received, Pharmacy,
            T0.AddHours(2), from: Maker, to: Pharmacy);
        return [commissioned, shipped, received];
    }

    private string SignedCheckpoint(Log log, bool logSigns = true, bool cosign = true, string? origin = null)
    {
        var text = new Checkpoint(origin ?? _log.Name, log.Leaves.Count, log.Root).Text;
        return text + "\n" + (logSigns ? _log.SignatureLine(text) : "") + (cosign ? _witness.SignatureLine(text, CosignedAt) : "");
    }

    private string Bundle(Log? log = null, string gtin = Gtin, string serial = Serial)
    {
        log ??= BuildLog();
        return ProofBundle.Write(gtin, serial, SignedCheckpoint(log), log.Entries());
    }

    private ProofBundle.Result Verify(string json) => ProofBundle.Verify(json, _log.Verifier, [_witness.Verifier]);

    private static string Edit(string json, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    private static JsonObject Event(JsonObject root, int i) => root["events"]!.AsArray()[i]!.AsObject();

    private static void AssertRefused(ProofBundle.Result result, string problem)
    {
        Assert.False(result.IsValid);
        Assert.Equal(problem, result.Problem);
    }

    [Fact]
    public void A_genuine_bundle_verifies_and_says_each_thing_it_checked_in_order()
    {
        var log = BuildLog();

        var result = Verify(Bundle(log));

        Assert.True(result.IsValid, result.Problem);
        Assert.Null(result.Problem);
        Assert.Equal(
            [
                $"checkpoint of drugtrace.example/log: size 40, root {Convert.ToBase64String(log.Root.ToBytes())}, signed by the log",
                "cosigned by witness regulator.example/witness at 2025-12-01 09:00:00Z",
                "seq 0 (Commissioned): hash recomputed from its canonical body",
                "seq 0 is leaf 5 of the checkpoint's tree of 40",
                "seq 1 (Shipped): hash recomputed from its canonical body, links to seq 0",
                "seq 1 is leaf 17 of the checkpoint's tree of 40",
                "seq 2 (Received): hash recomputed from its canonical body, links to seq 1",
                "seq 2 is leaf 33 of the checkpoint's tree of 40",
            ],
            result.Checked);
    }

    [Fact]
    public void Write_states_the_pack_the_checkpoint_and_each_event_with_its_body_hash_index_and_proof()
    {
        var log = BuildLog();
        var note = SignedCheckpoint(log);

        var root = JsonNode.Parse(ProofBundle.Write(Gtin, Serial, note, log.Entries()))!.AsObject();

        Assert.Equal("drugtrace/proof-bundle/v1", (string?)root["format"]);
        Assert.Equal(Gtin, (string?)root["gtin"]);
        Assert.Equal(Serial, (string?)root["serial"]);
        Assert.Equal(note, (string?)root["checkpoint"]);
        var events = root["events"]!.AsArray();
        Assert.Equal(3, events.Count);
        for (var i = 0; i < 3; i++)
        {
            var (index, e) = log.Pack[i];
            var written = events[i]!.AsObject();
            Assert.Equal(index, (long)written["logIndex"]!);
            Assert.Equal(e.Hash.ToHex(), (string?)written["hash"]);
            Assert.Equal(EventHasher.CanonicalBodyText(e), written["body"]!.ToJsonString());
            Assert.Equal(
                MerkleProofs.Inclusion(log.Nodes, index, 40).Select(h => Convert.ToBase64String(h.ToBytes())),
                written["inclusionProof"]!.AsArray().Select(h => (string)h!));
        }
    }

    [Fact]
    public void A_file_that_is_not_json_is_refused_without_the_parsers_position_noise()
    {
        var result = Verify("{\"format\":");

        Assert.False(result.IsValid);
        Assert.StartsWith("the file is not JSON: ", result.Problem);
        Assert.True(result.Problem!.Length > "the file is not JSON: ".Length);
        Assert.DoesNotContain("Path:", result.Problem);
        Assert.Empty(result.Checked);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"a proof bundle\"")]
    public void A_json_value_that_is_not_an_object_is_refused(string json) =>
        AssertRefused(Verify(json), "the file is not a proof bundle (not a JSON object)");

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"format\":\"drugtrace/proof-bundle/v2\"}")]
    [InlineData("{\"format\":1}")]
    public void Another_format_is_refused(string json) =>
        AssertRefused(Verify(json), "the file is not a drugtrace/proof-bundle/v1 proof bundle");

    [Theory]
    [InlineData("gtin")]
    [InlineData("serial")]
    public void A_bundle_without_its_gtin_or_its_serial_is_refused(string field) =>
        AssertRefused(Verify(Edit(Bundle(), r => r.Remove(field))), "the bundle names no gtin and serial");

    [Fact]
    public void A_bundle_without_a_checkpoint_is_refused() =>
        AssertRefused(Verify(Edit(Bundle(), r => r.Remove("checkpoint"))), "the bundle holds no checkpoint");

    [Fact]
    public void A_checkpoint_that_is_not_a_signed_note_is_refused_with_the_notes_problem() =>
        AssertRefused(Verify(Edit(Bundle(), r => r["checkpoint"] = "drugtrace.example/log\n40\n")),
            "the checkpoint is not a signed note: the note has no blank line before its signatures");

    [Fact]
    public void A_checkpoint_signed_by_another_key_of_the_same_name_is_refused()
    {
        var log = BuildLog();
        var impostor = NoteSigner.Generate(_log.Name);
        var text = new Checkpoint(_log.Name, 40, log.Root).Text;
        var json = ProofBundle.Write(Gtin, Serial, text + "\n" + impostor.SignatureLine(text), log.Entries());

        var result = Verify(json);

        Assert.False(result.IsValid);
        Assert.StartsWith("the checkpoint: no signature is from a trusted key", result.Problem);
    }

    [Fact]
    public void A_checkpoint_cosigned_by_the_witness_alone_is_refused_for_want_of_the_log_signature()
    {
        var log = BuildLog();
        var json = ProofBundle.Write(Gtin, Serial, SignedCheckpoint(log, logSigns: false), log.Entries());

        AssertRefused(Verify(json), "the checkpoint is not signed by the log key drugtrace.example/log");
    }

    [Fact]
    public void A_signed_note_that_is_not_a_checkpoint_is_refused()
    {
        var text = "drugtrace.example/log\nforty\nroot\n";
        var json = Edit(Bundle(), r => r["checkpoint"] = text + "\n" + _log.SignatureLine(text));

        AssertRefused(Verify(json), "the checkpoint: the size line 'forty' is not a decimal number without leading zeros");
    }

    [Fact]
    public void A_checkpoint_of_another_log_is_refused_even_when_the_log_key_signed_it()
    {
        var log = BuildLog();
        var json = ProofBundle.Write(Gtin, Serial, SignedCheckpoint(log, origin: "other.example/log"), log.Entries());

        AssertRefused(Verify(json), "the checkpoint is of log other.example/log, not drugtrace.example/log");
    }

    [Fact]
    public void A_required_witness_that_did_not_cosign_is_named()
    {
        var log = BuildLog();
        var json = ProofBundle.Write(Gtin, Serial, SignedCheckpoint(log, cosign: false), log.Entries());

        var result = Verify(json);

        AssertRefused(result, "the checkpoint is not cosigned by witness regulator.example/witness");
        Assert.Single(result.Checked);
        Assert.True(ProofBundle.Verify(json, _log.Verifier, []).IsValid);
    }

    [Fact]
    public void A_cosignature_by_another_witness_key_of_the_same_name_does_not_count()
    {
        var other = Cosigner.Generate(_witness.Name);

        var result = ProofBundle.Verify(Bundle(), _log.Verifier, [other.Verifier]);

        Assert.False(result.IsValid);
        // The note holds a cosignature by the same name with another key id: it is not the trusted one.
        Assert.Equal("the checkpoint is not cosigned by witness regulator.example/witness", result.Problem);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("object")]
    [InlineData("empty")]
    public void A_bundle_without_events_is_refused(string how)
    {
        var json = Edit(Bundle(), r =>
        {
            if (how == "missing") r.Remove("events");
            else if (how == "object") r["events"] = new JsonObject();
            else r["events"] = new JsonArray();
        });

        AssertRefused(Verify(json), "the bundle holds no events");
    }

    [Theory]
    [InlineData("not an object")]
    [InlineData("no body")]
    [InlineData("body not an object")]
    public void An_event_without_a_body_is_refused(string how)
    {
        var json = Edit(Bundle(), r =>
        {
            if (how == "not an object") r["events"]!.AsArray()[1] = "event";
            else if (how == "no body") Event(r, 1).Remove("body");
            else Event(r, 1)["body"] = "{}";
        });

        AssertRefused(Verify(json), "event 1 has no body");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("\"17\"")]
    [InlineData("17.5")]
    public void An_event_without_a_whole_log_index_is_refused(string? logIndex)
    {
        var json = Edit(Bundle(), r =>
        {
            if (logIndex is null) Event(r, 0).Remove("logIndex");
            else Event(r, 0)["logIndex"] = JsonNode.Parse(logIndex);
        });

        AssertRefused(Verify(json), "event 0 has no log index");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData("zz940a5b7d89d4a1698aa17d36d2a6d0900bd2067a4e49e15365e4d552abffa0")]
    [InlineData("61940a5b7d89d4a1698aa17d36d2a6d0900bd2067a4e49e15365e4d552abffa00")]
    public void An_event_without_a_64_hex_digit_hash_is_refused(string? hash)
    {
        var json = Edit(Bundle(), r =>
        {
            if (hash is null) Event(r, 0).Remove("hash");
            else Event(r, 0)["hash"] = hash;
        });

        AssertRefused(Verify(json), "event 0 has no 64-hex-digit hash");
    }

    [Fact]
    public void A_hash_in_capitals_is_the_same_hash()
    {
        var json = Edit(Bundle(), r => Event(r, 0)["hash"] = ((string)Event(r, 0)["hash"]!).ToUpperInvariant());

        Assert.True(Verify(json).IsValid, Verify(json).Problem);
    }

    [Fact]
    public void A_body_without_a_prevHash_is_refused() =>
        AssertRefused(Verify(Edit(Bundle(), r => Event(r, 1)["body"]!.AsObject().Remove("prevHash"))), "event 1's body has no prevHash");

    [Theory]
    [InlineData(null)]
    [InlineData("\"1\"")]
    [InlineData("1.5")]
    public void A_body_without_a_whole_seq_is_refused(string? seq)
    {
        var json = Edit(Bundle(), r =>
        {
            var body = Event(r, 1)["body"]!.AsObject();
            if (seq is null) body.Remove("seq");
            else body["seq"] = JsonNode.Parse(seq);
        });

        AssertRefused(Verify(json), "event 1's body has no seq");
    }

    [Fact]
    public void An_altered_body_is_refused_with_both_hashes()
    {
        var log = BuildLog();
        var json = Edit(Bundle(log), r => Event(r, 1)["body"]!["actor"] = "4012347000099");
        var altered = log.Pack[1].Event with { Actor = "4012347000099" };

        AssertRefused(Verify(json),
            $"seq 1: the hash recomputed from its body is {EventHasher.ComputeHash(altered)}, not {log.Pack[1].Event.Hash}: the event was altered");
    }

    [Fact]
    public void A_removed_event_leaves_a_gap()
    {
        var result = Verify(Edit(Bundle(), r => r["events"]!.AsArray().RemoveAt(1)));

        AssertRefused(result, "seq 2 stands where seq 1 belongs: the chain has a gap or is reordered");
        Assert.Contains("seq 0 is leaf 5 of the checkpoint's tree of 40", result.Checked);
    }

    [Fact]
    public void A_first_event_that_does_not_start_from_the_zero_hash_is_refused()
    {
        var events = GenuinePackEvents();
        events[0] = EventHasher.Seal(events[0] with { PrevHash = events[2].Hash });

        AssertRefused(Verify(Bundle(BuildLog([events[0]]))), "seq 0: prevHash does not link to the zero hash");
    }

    [Fact]
    public void An_event_that_does_not_link_to_the_one_before_is_refused()
    {
        var events = GenuinePackEvents();
        events[2] = EventHasher.Seal(events[2] with { PrevHash = events[0].Hash });

        AssertRefused(Verify(Bundle(BuildLog(events))), "seq 2: prevHash does not link to seq 1");
    }

    [Theory]
    [InlineData(Gtin, "SN2", "seq 0 is not an event of pack 09506000134352/SN2")]
    [InlineData("09506000134369", Serial, "seq 0 is not an event of pack 09506000134369/SN1")]
    public void Events_of_another_pack_are_refused(string gtin, string serial, string problem) =>
        AssertRefused(Verify(Bundle(gtin: gtin, serial: serial)), problem);

    [Fact]
    public void A_lot_event_is_not_an_event_of_the_pack()
    {
        var lotEvent = LedgerEvents.First(StreamKind.Lot, Gtin, Serial, EventType.LotRegistered, Maker, "LOT1", new DateOnly(2028, 1, 31), T0);

        AssertRefused(Verify(Bundle(BuildLog([lotEvent]))), "seq 0 is not an event of pack 09506000134352/SN1");
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("string")]
    public void An_event_without_an_inclusion_proof_is_refused(string how)
    {
        var json = Edit(Bundle(), r =>
        {
            if (how == "missing") Event(r, 2).Remove("inclusionProof");
            else Event(r, 2)["inclusionProof"] = "proof";
        });

        AssertRefused(Verify(json), "seq 2 has no inclusion proof");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"not base64!\"")]
    public void A_proof_hash_that_is_not_base64_is_refused(string part)
    {
        var json = Edit(Bundle(), r => Event(r, 2)["inclusionProof"]!.AsArray()[0] = JsonNode.Parse(part));

        AssertRefused(Verify(json), "seq 2: an inclusion proof hash is not base64");
    }

    [Fact]
    public void A_proof_that_leads_to_another_root_is_refused_with_the_proof_checkers_words()
    {
        var json = Edit(Bundle(), r => Event(r, 1)["logIndex"] = 18);

        AssertRefused(Verify(json), "seq 1: the inclusion proof of leaf 18 leads to another root than the one of tree size 40");
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
    [Fact]
    public void The_bundle_is_written_indented_for_a_reader()
    {
        var json = Bundle();
        Assert.StartsWith("{\n  \"format\": ", json.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
    [Fact]
    public void A_key_named_like_another_does_not_stand_in_for_it()
    {
        var log = BuildLog();
        var text = new Checkpoint(_log.Name, log.Leaves.Count, log.Root).Text;
        // A witness key that bears the log's name: its cosignature is not the log's signature ...
        var namesake = Cosigner.Generate(_log.Name);
        var cosignedOnly = ProofBundle.Write(Gtin, Serial, text + "\n" + namesake.SignatureLine(text, CosignedAt), log.Entries());
        AssertRefused(ProofBundle.Verify(cosignedOnly, _log.Verifier, [namesake.Verifier]),
            "the checkpoint is not signed by the log key drugtrace.example/log");

        // ... and the log's signature is not that witness's cosignature.
        var signedOnly = ProofBundle.Write(Gtin, Serial, text + "\n" + _log.SignatureLine(text), log.Entries());
        AssertRefused(ProofBundle.Verify(signedOnly, _log.Verifier, [namesake.Verifier]),
            "the checkpoint is not cosigned by witness drugtrace.example/log");
    }
}
