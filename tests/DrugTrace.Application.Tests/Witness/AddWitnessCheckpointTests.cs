using System.Security.Cryptography;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Witness;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;
using Microsoft.Extensions.Options;

namespace DrugTrace.Application.Tests.Witness;

/// <summary>Every answer of C2SP tlog-witness add-checkpoint, and what each one stores and alerts.</summary>
public sealed class AddWitnessCheckpointTests
{
    private const string Origin = "drugtrace.example/log";
    private readonly TestWorld _world = new();
    private readonly NoteSigner _log = NoteSigner.Generate(Origin);
    private readonly Cosigner _witness = Cosigner.Generate("regulator.example/witness");
    private readonly InMemoryWitnessStore _store = new();
    private readonly Tree _tree = new(40);

    private AddWitnessCheckpointHandler Handler() =>
        new(new WitnessedLogs(Options.Create(new WitnessOptions { Enabled = true, Logs = [new() { Key = _log.Verifier.VerifierKey }] })),
            _store, _witness, _world.AlertRaiser(), _world.Clock);

    private string Note(long size, NoteSigner? signer = null, Hash256? root = null) =>
        SignedNote.Sign(new Checkpoint(Origin, size, root ?? _tree.Root(size)).Text, signer ?? _log).ToString();

    private string Body(long old, long size, IReadOnlyList<Hash256>? proof = null, string? note = null) =>
        new AddCheckpointBody(old, proof ?? (old == 0 ? [] : _tree.Consistency(old, size)), note ?? Note(size)).Text;

    private async Task<WitnessVerdict> SendAsync(string body) => await Handler().Handle(new AddWitnessCheckpoint(body), default);

    private void Holds(long size) =>
        _store.Put(new WitnessedCheckpoint(Origin, size, _tree.Root(size), Note(size), TestWorld.Start));

    private IReadOnlyList<Domain.Alerts.Alert> IntegrityAlerts => [.. _world.Alerts.All.Where(a => a.Kind == AlertKind.IntegrityViolation)];

    [Fact]
    public async Task First_checkpoint_from_old_size_zero_is_cosigned_and_remembered()
    {
        var verdict = await SendAsync(Body(0, 10));

        Assert.Equal(WitnessOutcome.Cosigned, verdict.Outcome);
        var note = SignedNote.Parse(Note(10) + verdict.Cosignatures);
        Assert.True(note.Open([_witness.Verifier], out var verified).IsValid);
        Assert.Equal(TestWorld.Start.ToUnixTimeSeconds(), Assert.Single(verified).Timestamp);
        var stored = await _store.FindAsync(Origin, default);
        Assert.Equal((10L, _tree.Root(10)), (stored!.Size, stored.Root));
        Assert.Empty(IntegrityAlerts);
    }

    [Fact]
    public async Task A_consistent_extension_is_cosigned_and_replaces_the_record()
    {
        Holds(10);
        var verdict = await SendAsync(Body(10, 37));
        Assert.Equal(WitnessOutcome.Cosigned, verdict.Outcome);
        Assert.Equal(37, (await _store.FindAsync(Origin, default))!.Size);
    }

    [Fact]
    public async Task The_same_checkpoint_again_is_cosigned_again()
    {
        Holds(10);
        Assert.Equal(WitnessOutcome.Cosigned, (await SendAsync(Body(10, 10, []))).Outcome);
        Assert.Equal(10, (await _store.FindAsync(Origin, default))!.Size);
    }

    [Fact]
    public async Task A_stale_old_size_is_409_with_the_size_held_and_no_alert()
    {
        Holds(10);
        var verdict = await SendAsync(Body(0, 37));
        Assert.Equal((WitnessOutcome.Conflict, 10L), (verdict.Outcome, verdict.KnownSize));
        Assert.Equal(10, (await _store.FindAsync(Origin, default))!.Size);
        Assert.Empty(IntegrityAlerts);
    }

    [Fact]
    public async Task A_checkpoint_smaller_than_the_one_cosigned_is_409_and_an_integrity_alert()
    {
        Holds(30);
        var verdict = await SendAsync(Body(0, 12));
        Assert.Equal((WitnessOutcome.Conflict, 30L), (verdict.Outcome, verdict.KnownSize));
        Assert.Contains("lost entries", verdict.Message);
        Assert.Equal(30, (await _store.FindAsync(Origin, default))!.Size);
        var alert = Assert.Single(IntegrityAlerts);
        Assert.Contains("refused its checkpoint of size 12", alert.Message);
        Assert.Equal(Severity.Critical, alert.Severity);
    }

    [Fact]
    public async Task The_same_size_with_another_root_is_409_a_split_view_and_an_alert()
    {
        Holds(10);
        var forged = Hash256.FromBytes(SHA256.HashData("fork"u8));
        var verdict = await SendAsync(Body(10, 10, [], Note(10, root: forged)));
        Assert.Equal((WitnessOutcome.Conflict, 10L), (verdict.Outcome, verdict.KnownSize));
        Assert.Contains("two views", verdict.Message);
        Assert.Equal(_tree.Root(10), (await _store.FindAsync(Origin, default))!.Root);
        Assert.Single(IntegrityAlerts);
    }

    [Fact]
    public async Task A_rewritten_log_fails_the_consistency_proof_422_and_an_alert()
    {
        Holds(10);
        // The same key signs a tree whose first 10 leaves differ: its own proof cannot reach the root the witness holds.
        var rewritten = new Tree(40, seed: 7);
        var body = new AddCheckpointBody(10, rewritten.Consistency(10, 37), Note(37, root: rewritten.Root(37))).Text;
        var verdict = await SendAsync(body);
        Assert.Equal(WitnessOutcome.Inconsistent, verdict.Outcome);
        Assert.Contains("does not verify", verdict.Message);
        Assert.Equal(10, (await _store.FindAsync(Origin, default))!.Size);
        Assert.Single(IntegrityAlerts);
    }

    [Fact]
    public async Task A_damaged_proof_hash_is_422()
    {
        Holds(10);
        var proof = _tree.Consistency(10, 37).ToArray();
        proof[0] = Hash256.FromBytes(SHA256.HashData("x"u8));
        Assert.Equal(WitnessOutcome.Inconsistent, (await SendAsync(Body(10, 37, proof))).Outcome);
        Assert.Equal(10, (await _store.FindAsync(Origin, default))!.Size);
    }

    [Fact]
    public async Task A_proof_with_old_size_zero_is_422()
    {
        var verdict = await SendAsync(Body(0, 10, [_tree.Root(4)]));
        Assert.Equal(WitnessOutcome.Inconsistent, verdict.Outcome);
        Assert.Null(await _store.FindAsync(Origin, default));
    }

    [Fact]
    public async Task An_unknown_origin_is_404_and_changes_nothing()
    {
        var other = NoteSigner.Generate("other.example/log");
        var note = SignedNote.Sign(new Checkpoint("other.example/log", 3, _tree.Root(3)).Text, other).ToString();
        var verdict = await SendAsync(new AddCheckpointBody(0, [], note).Text);
        Assert.Equal(WitnessOutcome.UnknownLog, verdict.Outcome);
        Assert.Empty(await _store.ListAsync(default));
        Assert.Empty(IntegrityAlerts);
    }

    [Fact]
    public async Task A_checkpoint_signed_by_another_key_under_the_log_name_is_403()
    {
        var impostor = NoteSigner.Generate(Origin);
        var verdict = await SendAsync(Body(0, 10, note: Note(10, impostor)));
        Assert.Equal(WitnessOutcome.NotSignedByLog, verdict.Outcome);
        Assert.Null(await _store.FindAsync(Origin, default));
        Assert.Empty(IntegrityAlerts);
    }

    [Fact]
    public async Task A_checkpoint_altered_after_signing_is_403()
    {
        var note = Note(10).Replace("\n10\n", "\n11\n", StringComparison.Ordinal);
        Assert.Equal(WitnessOutcome.NotSignedByLog, (await SendAsync(Body(0, 11, note: note))).Outcome);
        Assert.Null(await _store.FindAsync(Origin, default));
    }

    [Fact]
    public async Task An_extra_unknown_signature_is_ignored()
    {
        var text = new Checkpoint(Origin, 10, _tree.Root(10)).Text;
        var note = SignedNote.Parse(Note(10) + NoteSigner.Generate("someone.else/key").SignatureLine(text)).ToString();
        Assert.Equal(WitnessOutcome.Cosigned, (await SendAsync(Body(0, 10, note: note))).Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("old 0\n")]
    [InlineData("old 0")]
    [InlineData("new 0\n\n")]
    [InlineData("old 01\n\n")]
    [InlineData("old -1\n\n")]
    [InlineData("old x\n\n")]
    [InlineData("old 0\nnot base64!\n\n")]
    [InlineData("old 0\nAAAA\n\n")]
    public async Task A_malformed_body_is_400_and_changes_nothing(string start)
    {
        var body = start.EndsWith("\n\n", StringComparison.Ordinal) ? start + Note(10) : start;
        var verdict = await SendAsync(body);
        Assert.Equal(WitnessOutcome.BadRequest, verdict.Outcome);
        Assert.Null(await _store.FindAsync(Origin, default));
    }

    [Fact]
    public async Task A_note_that_is_not_a_checkpoint_is_400()
    {
        var note = SignedNote.Sign("hello\n", _log).ToString();
        Assert.Equal(WitnessOutcome.BadRequest, (await SendAsync(new AddCheckpointBody(0, [], note).Text)).Outcome);
    }

    [Fact]
    public async Task More_than_63_proof_lines_is_400()
    {
        Holds(10);
        var proof = Enumerable.Repeat(_tree.Root(1), 64).ToList();
        Assert.Equal(WitnessOutcome.BadRequest, (await SendAsync(Body(10, 37, proof))).Outcome);
    }

    [Fact]
    public async Task An_old_size_above_the_checkpoint_size_is_400()
    {
        Holds(10);
        var verdict = await SendAsync(Body(38, 37, []));
        Assert.Equal(WitnessOutcome.BadRequest, verdict.Outcome);
        Assert.Equal(10, (await _store.FindAsync(Origin, default))!.Size);
    }

    [Fact]
    public async Task A_request_that_loses_the_race_is_judged_again_against_the_winner()
    {
        Holds(10);
        // Between this request's check and its store, another one moves the record to 37.
        _store.BeforeReplace = s => s.Put(new WitnessedCheckpoint(Origin, 37, _tree.Root(37), Note(37), TestWorld.Start));
        var verdict = await SendAsync(Body(10, 20));
        Assert.Equal((WitnessOutcome.Conflict, 37L), (verdict.Outcome, verdict.KnownSize));
        Assert.Equal(37, (await _store.FindAsync(Origin, default))!.Size);
    }

    private AddWitnessCheckpointHandler Handler(IWitnessStore store) =>
        new(new WitnessedLogs(Options.Create(new WitnessOptions { Enabled = true, Logs = [new() { Key = _log.Verifier.VerifierKey }] })),
            store, _witness, _world.AlertRaiser(), _world.Clock);

    private string AlertText(long size, string problem) =>
        $"The transparency log was altered: witness regulator.example/witness refused its checkpoint of size {size} of '{Origin}': {problem}.";

    [Fact]
    public async Task Each_answer_says_what_it_found()
    {
        Assert.Equal($"Cosigned '{Origin}' at size 10.", (await SendAsync(Body(0, 10))).Message);
        Assert.Equal($"The last checkpoint cosigned for '{Origin}' has size 10, not 0.", (await SendAsync(Body(0, 37))).Message);

        var other = NoteSigner.Generate("other.example/log");
        var foreign = SignedNote.Sign(new Checkpoint("other.example/log", 3, _tree.Root(3)).Text, other).ToString();
        Assert.Equal("This witness does not follow the log 'other.example/log'.", (await SendAsync(new AddCheckpointBody(0, [], foreign).Text)).Message);
        Assert.Equal($"No signature on the checkpoint verifies with a key trusted for '{Origin}'.",
            (await SendAsync(Body(10, 12, note: Note(12, NoteSigner.Generate(Origin))))).Message);

        Assert.StartsWith("The request is not an add-checkpoint body: ", (await SendAsync("old x\n\n" + Note(10))).Message);
        Assert.StartsWith("The checkpoint is not a signed note: ", (await SendAsync("old 0\n\nnot a note")).Message);
        Assert.StartsWith("The note is not a checkpoint: ", (await SendAsync(new AddCheckpointBody(0, [], SignedNote.Sign("hello\n", _log).ToString()).Text)).Message);
        Assert.Empty(IntegrityAlerts);
    }

    [Fact]
    public async Task A_stale_old_size_for_the_very_size_held_is_the_handshake_not_a_shrunk_log()
    {
        Holds(10);
        var verdict = await SendAsync(Body(0, 10));
        Assert.Equal((WitnessOutcome.Conflict, 10L, $"The last checkpoint cosigned for '{Origin}' has size 10, not 0."), (verdict.Outcome, verdict.KnownSize, verdict.Message));
        Assert.Empty(IntegrityAlerts);
    }

    [Fact]
    public async Task Each_refusal_of_a_checkpoint_the_log_signed_is_worded_and_raised_as_an_alert_on_the_log()
    {
        Holds(30);
        var shrunk = await SendAsync(Body(0, 12));
        Assert.Equal("The checkpoint's size 12 is below the 30 already cosigned: the log lost entries.", shrunk.Message);
        var alert = Assert.Single(IntegrityAlerts);
        Assert.Equal(AlertText(12, "The checkpoint's size 12 is below the 30 already cosigned: the log lost entries"), alert.Message);
        Assert.Equal((AlertAction.Witness, $"witness:{Origin}", Origin, (string?)null, (string?)null),
            (alert.Action, alert.ScannedCode, alert.ScanningParty, alert.PackSerial, alert.BrandOwner));

        var larger = await SendAsync(Body(38, 37, []));
        Assert.Equal((WitnessOutcome.BadRequest, "The old size 38 is larger than the checkpoint's size 37.", (long?)null), (larger.Outcome, larger.Message, larger.KnownSize));
        // Raised again on the same log: one alert, counted (the de-duplication window).
        Assert.Equal(2, Assert.Single(IntegrityAlerts).Count);

        var views = await SendAsync(Body(30, 30, [], Note(30, root: Hash256.FromBytes(SHA256.HashData("fork"u8)))));
        Assert.Equal("A checkpoint of size 30 with another root was cosigned before: the log shows two views.", views.Message);

        var rewritten = new Tree(40, seed: 7);
        var proof = await SendAsync(new AddCheckpointBody(30, rewritten.Consistency(30, 37), Note(37, root: rewritten.Root(37))).Text);
        Assert.StartsWith("The consistency proof from size 30 to 37 does not verify: ", proof.Message);
        Assert.Null(proof.KnownSize);
        Assert.Equal(4, Assert.Single(IntegrityAlerts).Count);
        Assert.Equal(30, (await _store.FindAsync(Origin, default))!.Size);
    }

    [Fact]
    public async Task An_old_size_above_the_checkpoints_is_raised_with_its_words()
    {
        var larger = await SendAsync(Body(11, 10, []));
        Assert.Equal("The old size 11 is larger than the checkpoint's size 10.", larger.Message);
        Assert.Equal(AlertText(10, "The old size 11 is larger than the checkpoint's size 10"), Assert.Single(IntegrityAlerts).Message);
        Assert.Null(await _store.FindAsync(Origin, default));
    }

    [Fact]
    public async Task A_proof_sent_with_old_size_zero_is_counted_in_the_refusal()
    {
        var verdict = await SendAsync(Body(0, 10, [_tree.Root(4), _tree.Root(2)]));
        Assert.Equal((WitnessOutcome.Inconsistent, "The old size is 0 but the request holds 2 proof lines; the proof must be empty."), (verdict.Outcome, verdict.Message));
        Assert.Single(IntegrityAlerts);
    }

    [Fact]
    public async Task A_request_whose_store_keeps_changing_gives_up_after_three_attempts_with_the_size_held()
    {
        var empty = new RefusingStore(null);
        var verdict = await Handler(empty).Handle(new AddWitnessCheckpoint(Body(0, 10)), default);
        Assert.Equal((WitnessOutcome.Conflict, 0L, $"Other requests for '{Origin}' kept changing it; it now has size 0."), (verdict.Outcome, verdict.KnownSize, verdict.Message));
        Assert.Equal(3, empty.Replaces);

        var held = new RefusingStore(new WitnessedCheckpoint(Origin, 10, _tree.Root(10), Note(10), TestWorld.Start));
        var later = await Handler(held).Handle(new AddWitnessCheckpoint(Body(10, 37)), default);
        Assert.Equal((WitnessOutcome.Conflict, 10L, $"Other requests for '{Origin}' kept changing it; it now has size 10."), (later.Outcome, later.KnownSize, later.Message));
        Assert.Equal(3, held.Replaces);
        Assert.Empty(IntegrityAlerts);
    }

    /// <summary>A store that always holds <paramref name="held"/> and loses every compare-and-set, as under endless contention.</summary>
    private sealed class RefusingStore(WitnessedCheckpoint? held) : IWitnessStore
    {
        public int Replaces { get; private set; }

        public ValueTask<WitnessedCheckpoint?> FindAsync(string origin, CancellationToken cancellationToken) => ValueTask.FromResult(held);

        public ValueTask<IReadOnlyList<WitnessedCheckpoint>> ListAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<WitnessedCheckpoint>>(held is null ? [] : [held]);

        public ValueTask<bool> ReplaceAsync(WitnessedCheckpoint? expected, WitnessedCheckpoint next, CancellationToken cancellationToken)
        {
            Replaces++;
            return ValueTask.FromResult(false);
        }
    }

    /// <summary>A Merkle tree over <c>n</c> random leaves, with roots and consistency proofs at any size.</summary>
    private sealed class Tree
    {
        private readonly Levels _levels;

        public Tree(int leaves, int seed = 1)
        {
            var random = new Random(seed);
            _levels = new Levels([.. Enumerable.Range(0, leaves).Select(_ =>
            {
                var bytes = new byte[32];
                random.NextBytes(bytes);
                return Rfc6962.LeafHash(Hash256.FromBytes(bytes));
            })]);
        }

        public Hash256 Root(long size) => size == 0 ? Rfc6962.EmptyRoot : MerkleProofs.Root(_levels, size);

        public IReadOnlyList<Hash256> Consistency(long from, long to) => MerkleProofs.Consistency(_levels, from, to);
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
}
