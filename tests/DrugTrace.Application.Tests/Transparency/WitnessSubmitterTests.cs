using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Transparency;
using DrugTrace.Application.Witness;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Transparency;
using Microsoft.Extensions.Options;

namespace DrugTrace.Application.Tests.Transparency;

/// <summary>Submitting checkpoints to a witness: the real witness handler behind a fake HTTP client, and scripted replies for the rest.</summary>
public sealed class WitnessSubmitterTests
{
    private const string Origin = "drugtrace.test/log";
    private const string Url = "https://witness.example/add-checkpoint";
    private readonly TestWorld _world = new();
    private readonly InMemoryLogTreeStore _tree = new();
    private readonly InMemoryCheckpointStore _checkpoints = new();
    private readonly InMemoryWitnessAnswers _answers = new();
    private readonly ScriptedWitnessClient _client = new();
    private readonly NoteSigner _logKey = NoteSigner.Generate(Origin);
    private readonly Cosigner _witness = Cosigner.Generate("witness.example/w");
    private readonly InMemoryWitnessStore _witnessMemory = new();
    private readonly WitnessEndpoint _endpoint = new() { Url = Url };

    private CheckpointWriter Writer() =>
        new(new LogTree(_tree), _checkpoints, _logKey, Options.Create(new LogOptions { Origin = Origin }), _world.Clock);

    private WitnessSubmitter Submitter() =>
        new(_checkpoints, new LogTree(_tree), _answers, _client, _world.AlertRaiser(), Writer(), _world.Clock);

    private Task<SubmissionResult> SubmitAsync(Cosigner? witness = null) => Submitter().SubmitAsync(_endpoint, (witness ?? _witness).Verifier, default).AsTask();

    /// <summary>The log grows to <paramref name="size"/> and signs a checkpoint.</summary>
    private async Task<StoredCheckpoint> SignedAtAsync(int size)
    {
        _tree.Grow(size - _tree.Leaves.Count);
        return (await Writer().SignIfGrownAsync(default))!;
    }

    /// <summary>What a real DrugTrace witness answers, as HTTP would carry it.</summary>
    private Func<string, WitnessReply> RealWitness(Cosigner? witness = null) => body =>
    {
        var handler = new AddWitnessCheckpointHandler(
            new WitnessedLogs(Options.Create(new WitnessOptions { Enabled = true, Logs = [new() { Key = _logKey.Verifier.VerifierKey }] })),
            _witnessMemory, witness ?? _witness, _world.AlertRaiser(), _world.Clock);
        var verdict = handler.Handle(new AddWitnessCheckpoint(body), default).AsTask().GetAwaiter().GetResult();
        return verdict.Outcome switch
        {
            WitnessOutcome.Cosigned => new WitnessReply(200, "text/plain", verdict.Cosignatures!),
            WitnessOutcome.Conflict => new WitnessReply(409, "text/x.tlog.size", $"{verdict.KnownSize}\n"),
            _ => new WitnessReply(422, "text/plain", verdict.Message),
        };
    };

    private IReadOnlyList<Alert> IntegrityAlerts => [.. _world.Alerts.All.Where(a => a.Kind == AlertKind.IntegrityViolation)];

    private static AddCheckpointBody Parsed(string body)
    {
        Assert.True(AddCheckpointBody.TryParse(body, out var parsed, out var problem), problem);
        return parsed!;
    }

    private WitnessAnswer LastAnswer => _answers.Saved[^1];

    [Fact]
    public async Task Without_a_checkpoint_there_is_nothing_to_send()
    {
        Assert.Equal(SubmissionResult.AlreadyCosigned, await SubmitAsync());
        Assert.Empty(_client.Sent);
        Assert.Empty(_answers.Saved);
    }

    [Fact]
    public async Task The_first_contact_sends_old_size_zero_and_stores_the_verified_cosignature()
    {
        var checkpoint = await SignedAtAsync(10);
        _client.Then(RealWitness());

        Assert.Equal(SubmissionResult.Cosigned, await SubmitAsync());

        var (url, body) = Assert.Single(_client.Sent);
        Assert.Equal(Url, url);
        var sent = Parsed(body);
        Assert.Equal((0L, 0, checkpoint.Note), (sent.OldSize, sent.Proof.Count, sent.Note));
        var stored = SignedNote.Parse(Assert.Single(_checkpoints.All).Note);
        Assert.True(stored.Open([_logKey.Verifier], out _).IsValid);
        Assert.True(stored.Open([_witness.Verifier], out var cosigned).IsValid);
        Assert.Equal(_world.Clock.GetUtcNow().ToUnixTimeSeconds(), Assert.Single(cosigned).Timestamp);
        Assert.Equal(new WitnessAnswer(Url, "witness.example/w", 10, 200, "cosigned size 10", _world.Clock.GetUtcNow()), Assert.Single(_answers.Saved));
        Assert.Empty(IntegrityAlerts);
    }

    [Fact]
    public async Task A_checkpoint_the_witness_already_cosigned_is_not_sent_again()
    {
        await SignedAtAsync(10);
        _client.Then(RealWitness());
        await SubmitAsync();

        Assert.Equal(SubmissionResult.AlreadyCosigned, await SubmitAsync());
        Assert.Single(_client.Sent);
    }

    [Fact]
    public async Task A_cosignature_by_an_old_key_of_the_same_witness_name_does_not_count()
    {
        var checkpoint = await SignedAtAsync(10);
        var rotated = Cosigner.Generate("witness.example/w");
        var note = SignedNote.Parse(checkpoint.Note);
        await _checkpoints.UpdateNoteAsync(10, checkpoint.Note + rotated.SignatureLine(note.Text, _world.Clock.GetUtcNow().ToUnixTimeSeconds()), default);
        _client.Then(RealWitness());

        Assert.Equal(SubmissionResult.Cosigned, await SubmitAsync());

        Assert.Single(_client.Sent);
        Assert.True(SignedNote.Parse(Assert.Single(_checkpoints.All).Note).Open([_witness.Verifier], out _).IsValid);
    }

    [Fact]
    public async Task The_cosignature_is_merged_into_the_note_of_the_size_it_signs_among_several_stored()
    {
        await SignedAtAsync(1);
        var latest = await SignedAtAsync(2);
        _client.Then(RealWitness());

        Assert.Equal(SubmissionResult.Cosigned, await SubmitAsync());

        var stored = SignedNote.Parse(_checkpoints.All.Single(c => c.Size == 2).Note);
        Assert.Equal(SignedNote.Parse(latest.Note).Text, stored.Text);
        Assert.True(stored.Open([_logKey.Verifier], out _).IsValid);
        Assert.True(stored.Open([_witness.Verifier], out _).IsValid);
        Assert.Single(SignedNote.Parse(_checkpoints.All.Single(c => c.Size == 1).Note).Signatures);
    }

    [Fact]
    public async Task Another_witnesss_cosignature_does_not_count_and_both_are_kept()
    {
        var other = Cosigner.Generate("other.example/w");
        await SignedAtAsync(10);
        _client.Then(RealWitness(other));
        Assert.Equal(SubmissionResult.Cosigned, await SubmitAsync(other));

        _client.Then(RealWitness());
        Assert.Equal(SubmissionResult.Cosigned, await SubmitAsync());

        var stored = SignedNote.Parse(Assert.Single(_checkpoints.All).Note);
        Assert.True(stored.Open([_witness.Verifier], out _).IsValid);
        Assert.True(stored.Open([other.Verifier], out _).IsValid);
        Assert.Equal(3, stored.Signatures.Count);
    }

    [Fact]
    public async Task A_witness_holding_an_older_size_gets_a_consistency_proof_from_it_after_the_409()
    {
        await SignedAtAsync(7);
        _client.Then(RealWitness());
        await SubmitAsync();
        var checkpoint = await SignedAtAsync(20);
        _answers.Saved.Clear();
        // The witness's answer record is lost: the submitter starts from 0 and learns 7 from the 409.
        var fresh = new InMemoryWitnessAnswers();
        var submitter = new WitnessSubmitter(_checkpoints, new LogTree(_tree), fresh, _client.Then(RealWitness()).Then(RealWitness()), _world.AlertRaiser(), Writer(), _world.Clock);

        Assert.Equal(SubmissionResult.Cosigned, await submitter.SubmitAsync(_endpoint, _witness.Verifier, default));

        Assert.Equal(3, _client.Sent.Count);
        Assert.Equal(0, Parsed(_client.Sent[1].Body).OldSize);
        var resent = Parsed(_client.Sent[2].Body);
        Assert.Equal(7, resent.OldSize);
        Assert.True(ProofVerifier.VerifyConsistency(7, 20, resent.Proof, _tree.Root(7), _tree.Root(20)).IsValid);
        Assert.Equal(checkpoint.Note, resent.Note);
        Assert.Equal(
            [(7L, 409, "the witness holds size 7; resent from it"), (20L, 200, "cosigned size 20")],
            fresh.Saved.Select(a => (a.Size, a.Status, a.Detail)));
    }

    [Fact]
    public async Task A_known_witness_size_is_the_old_size_of_the_first_request()
    {
        await SignedAtAsync(7);
        _client.Then(RealWitness());
        await SubmitAsync();
        await SignedAtAsync(9);
        _client.Then(RealWitness());

        Assert.Equal(SubmissionResult.Cosigned, await SubmitAsync());

        Assert.Equal(7, Parsed(_client.Sent[1].Body).OldSize);
        Assert.Equal(2, _client.Sent.Count);
    }

    [Fact]
    public async Task A_witness_that_cosigned_more_than_the_log_holds_is_a_refusal_and_an_integrity_alert()
    {
        await SignedAtAsync(10);
        await _answers.SaveAsync(new WitnessAnswer(Url, "witness.example/w", 50, 200, "cosigned size 50", TestWorld.Start), default);

        Assert.Equal(SubmissionResult.Refused, await SubmitAsync());

        Assert.Empty(_client.Sent);
        Assert.Equal((50L, 409, "refused the checkpoint of size 10: the witness cosigned size 50, more than the log's 10: the log lost entries"),
            (LastAnswer.Size, LastAnswer.Status, LastAnswer.Detail));
        var alert = Assert.Single(IntegrityAlerts);
        Assert.Equal("The transparency log was altered: witness witness.example/w refused the checkpoint of size 10: the witness cosigned size 50, more than the log's 10: the log lost entries.", alert.Message);
        Assert.Equal((AlertAction.Witness, $"witness:{Url}", Origin, false), (alert.Action, alert.ScannedCode, alert.ScanningParty, alert.ProbableScanningError));
    }

    [Fact]
    public async Task A_refusal_with_another_status_names_it_and_the_witnesss_words()
    {
        await SignedAtAsync(10);
        _client.Then(new WitnessReply(403, "text/plain", "  not signed by a key\r\nI trust \n"));

        Assert.Equal(SubmissionResult.Refused, await SubmitAsync());

        Assert.Equal((0L, 403, "refused the checkpoint of size 10: answered 403: not signed by a key I trust"), (LastAnswer.Size, LastAnswer.Status, LastAnswer.Detail));
        Assert.Equal("The transparency log was altered: witness witness.example/w refused the checkpoint of size 10: answered 403: not signed by a key I trust.", Assert.Single(IntegrityAlerts).Message);
    }

    [Fact]
    public async Task A_long_reply_is_cut_at_200_characters()
    {
        await SignedAtAsync(10);
        _client.Then(new WitnessReply(422, "text/plain", new string('x', 200) + "y"));
        await SubmitAsync();
        Assert.Equal($"refused the checkpoint of size 10: answered 422: {new string('x', 200)}...", LastAnswer.Detail);

        _client.Then(new WitnessReply(422, "text/plain", new string('z', 200)));
        await SubmitAsync();
        Assert.Equal($"refused the checkpoint of size 10: answered 422: {new string('z', 200)}", LastAnswer.Detail);
    }

    [Theory]
    [InlineData("text/plain", "5\n")]
    [InlineData(null, "5\n")]
    [InlineData("text/x.tlog.size", "")]
    [InlineData("text/x.tlog.size", "\n")]
    [InlineData("text/x.tlog.size", "5a\n")]
    [InlineData("text/x.tlog.size", "-5\n")]
    [InlineData("text/x.tlog.size", "5\n\n")]
    public async Task A_409_without_a_readable_size_is_a_refusal_at_the_old_size(string? contentType, string body)
    {
        await SignedAtAsync(10);
        _client.Then(new WitnessReply(409, contentType, body));

        Assert.Equal(SubmissionResult.Refused, await SubmitAsync());
        Assert.Equal((0L, 409), (LastAnswer.Size, LastAnswer.Status));
        Assert.StartsWith("refused the checkpoint of size 10: answered 409: ", LastAnswer.Detail);
        Assert.Single(_client.Sent);
    }

    [Theory]
    [InlineData("text/x.tlog.size", "4\n")]
    [InlineData("TEXT/X.TLOG.SIZE; charset=utf-8", "4")]
    public async Task A_409_size_is_read_with_or_without_its_newline_and_in_any_case(string contentType, string body)
    {
        await SignedAtAsync(4);
        _client.Then(RealWitness());
        await SubmitAsync();
        await SignedAtAsync(10);
        var fresh = new InMemoryWitnessAnswers();
        _client.Then(new WitnessReply(409, contentType, body)).Then(RealWitness());

        var result = await new WitnessSubmitter(_checkpoints, new LogTree(_tree), fresh, _client, _world.AlertRaiser(), Writer(), _world.Clock)
            .SubmitAsync(_endpoint, _witness.Verifier, default);

        Assert.Equal(SubmissionResult.Cosigned, result);
        Assert.Equal(4, Parsed(_client.Sent[^1].Body).OldSize);
    }

    [Fact]
    public async Task A_409_with_the_size_already_sent_is_a_refusal_not_a_loop()
    {
        await SignedAtAsync(10);
        await _answers.SaveAsync(new WitnessAnswer(Url, "witness.example/w", 4, 200, "cosigned size 4", TestWorld.Start), default);
        _client.Then(new WitnessReply(409, "text/x.tlog.size", "4\n"));

        Assert.Equal(SubmissionResult.Refused, await SubmitAsync());
        Assert.Equal((4L, 409, "refused the checkpoint of size 10: answered 409: 4"), (LastAnswer.Size, LastAnswer.Status, LastAnswer.Detail));
        Assert.Single(_client.Sent);
    }

    [Fact]
    public async Task A_409_with_a_size_above_the_log_is_a_refusal_on_the_next_round()
    {
        await SignedAtAsync(10);
        _client.Then(new WitnessReply(409, "text/x.tlog.size", "12\n"));

        Assert.Equal(SubmissionResult.Refused, await SubmitAsync());
        Assert.Single(_client.Sent);
        Assert.Equal((12L, 409, "refused the checkpoint of size 10: the witness cosigned size 12, more than the log's 10: the log lost entries"), (LastAnswer.Size, LastAnswer.Status, LastAnswer.Detail));
    }

    [Fact]
    public async Task A_witness_whose_size_keeps_moving_is_given_up_after_three_attempts()
    {
        await SignedAtAsync(10);
        _client.Then(new WitnessReply(409, "text/x.tlog.size", "3\n"))
            .Then(new WitnessReply(409, "text/x.tlog.size", "5\n"))
            .Then(new WitnessReply(409, "text/x.tlog.size", "6\n"));

        Assert.Equal(SubmissionResult.Unreachable, await SubmitAsync());

        Assert.Equal(3, _client.Sent.Count);
        Assert.Equal([0L, 3L, 5L], _client.Sent.Select(s => Parsed(s.Body).OldSize));
        Assert.Equal((6L, 409, "the witness's size kept changing over 3 attempts; trying again later"), (LastAnswer.Size, LastAnswer.Status, LastAnswer.Detail));
        Assert.Empty(IntegrityAlerts);
    }

    [Theory]
    [InlineData(0, "connection refused", "unreachable: connection refused")]
    [InlineData(408, "slow", "answered 408: slow; trying again later")]
    [InlineData(429, "busy", "answered 429: busy; trying again later")]
    [InlineData(500, "oops", "answered 500: oops; trying again later")]
    [InlineData(503, " down \n", "answered 503: down; trying again later")]
    public async Task A_witness_that_is_down_or_busy_is_unreachable_without_an_alert(int status, string body, string detail)
    {
        await SignedAtAsync(10);
        _client.Then(new WitnessReply(status, "text/plain", body));

        Assert.Equal(SubmissionResult.Unreachable, await SubmitAsync());
        Assert.Equal(new WitnessAnswer(Url, "witness.example/w", 0, status, detail, _world.Clock.GetUtcNow()), LastAnswer);
        Assert.Empty(IntegrityAlerts);
    }

    [Fact]
    public async Task A_499_is_a_refusal_not_an_outage()
    {
        await SignedAtAsync(10);
        _client.Then(new WitnessReply(499, "text/plain", "no"));
        Assert.Equal(SubmissionResult.Refused, await SubmitAsync());
    }

    [Fact]
    public async Task A_200_without_a_signature_line_is_not_stored()
    {
        var checkpoint = await SignedAtAsync(10);
        _client.Then(new WitnessReply(200, "text/plain", "thanks"));

        Assert.Equal(SubmissionResult.Unreachable, await SubmitAsync());

        Assert.Equal(checkpoint.Note, Assert.Single(_checkpoints.All).Note);
        Assert.Equal((10L, 200), (LastAnswer.Size, LastAnswer.Status));
        Assert.StartsWith("answered 200 but no valid cosignature by witness.example/w: ", LastAnswer.Detail);
        Assert.NotEqual("answered 200 but no valid cosignature by witness.example/w: signature does not verify", LastAnswer.Detail);
        Assert.Empty(IntegrityAlerts);
    }

    [Fact]
    public async Task A_200_with_another_witnesss_cosignature_is_not_stored()
    {
        var checkpoint = await SignedAtAsync(10);
        _client.Then(RealWitness(Cosigner.Generate("witness.example/w")));

        Assert.Equal(SubmissionResult.Unreachable, await SubmitAsync());

        Assert.Equal(checkpoint.Note, Assert.Single(_checkpoints.All).Note);
        Assert.Equal("answered 200 but no valid cosignature by witness.example/w: signature does not verify", LastAnswer.Detail);
    }
}
