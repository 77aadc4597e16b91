using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Transparency;
using Microsoft.Extensions.Options;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

/// <summary>A pack's proof bundle: what it proves against which checkpoint, checked with the offline verifier.</summary>
public sealed class GetPackProofTests
{
    private const string Origin = "drugtrace.test/log";
    private readonly TestWorld _world = new();
    private readonly InMemoryLogTreeStore _tree = new();
    private readonly InMemoryCheckpointStore _checkpoints = new();
    private readonly NoteSigner _logKey = NoteSigner.Generate(Origin);
    private readonly Cosigner _witness = Cosigner.Generate("witness.example/w");
    private readonly LogOptions _options = new() { Origin = Origin };

    /// <summary>The tree catches up with the ledger's log and a checkpoint is signed.</summary>
    private async Task SignAsync()
    {
        foreach (var stored in _world.Ledger.Log.Skip(_tree.Leaves.Count)) _tree.AppendEvent(stored.Event.Hash);
        await new CheckpointWriter(new LogTree(_tree), _checkpoints, _logKey, Options.Create(_options), _world.Clock).SignIfGrownAsync(default);
    }

    private Task CosignLatestAsync() => CosignLatestAsync(_witness);

    private async Task CosignLatestAsync(Cosigner witness)
    {
        var latest = _checkpoints.All[^1];
        var note = SignedNote.Parse(latest.Note);
        await _checkpoints.UpdateNoteAsync(latest.Size, latest.Note + witness.SignatureLine(note.Text, Start.ToUnixTimeSeconds()), default);
    }

    /// <summary>A pack at the wholesaler in a checkpoint cosigned by <paramref name="first"/>, then shipped into a newer one cosigned by <paramref name="second"/>.</summary>
    private async Task<(string Serial, long Older)> TwoCheckpointsAsync(Cosigner[] first, Cosigner[] second)
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        await SignAsync();
        foreach (var w in first) await CosignLatestAsync(w);
        var older = _checkpoints.All[^1].Size;
        await _world.ScanAsync(Wholesaler, Code(serial), new PackCommand(PackAction.Ship, Pharmacy.Gln));
        await SignAsync();
        foreach (var w in second) await CosignLatestAsync(w);
        return (serial, older);
    }

    [Fact]
    public async Task A_checkpoint_cosigned_by_only_one_of_two_witnesses_is_passed_over()
    {
        var other = Cosigner.Generate("witness.example/other");
        _options.Witnesses = [new() { Url = "https://w.example", Key = _witness.Verifier.VerifierKey }, new() { Url = "https://o.example", Key = other.Verifier.VerifierKey }];
        var (serial, older) = await TwoCheckpointsAsync([_witness, other], [_witness]);

        var proof = await GetAsync(Wholesaler, serial);

        Assert.Equal((older, 3, 1), (proof.CheckpointSize, proof.Events, proof.PendingEvents));
        Assert.True(ProofBundle.Verify(proof.Json, _logKey.Verifier, [_witness.Verifier, other.Verifier]).IsValid);
    }

    [Fact]
    public async Task A_cosignature_under_the_witness_name_but_another_key_is_not_the_witness()
    {
        _options.Witnesses = [new() { Url = "https://w.example", Key = _witness.Verifier.VerifierKey }];
        var impostor = Cosigner.Generate("witness.example/w");
        var (serial, older) = await TwoCheckpointsAsync([_witness], [impostor]);

        var proof = await GetAsync(Wholesaler, serial);

        Assert.Equal(older, proof.CheckpointSize);
    }

    private ValueTask<PackProof> GetAsync(Party actor, string serial) =>
        new GetPackProofHandler(_world.Ledger, _world.Catalog, _checkpoints, new LogTree(_tree), ContextFor(actor), Options.Create(_options))
            .Handle(new GetPackProof(actor.Gln, Gtin, serial), default);

    [Fact]
    public async Task Every_event_of_the_pack_is_proven_against_the_latest_checkpoint()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        await SignAsync();

        var proof = await GetAsync(Pharmacy, serial);

        Assert.Equal((Gtin, serial, (long)_world.Ledger.Log.Count, 5, 0), (proof.Gtin, proof.Serial, proof.CheckpointSize, proof.Events, proof.PendingEvents));
        var check = ProofBundle.Verify(proof.Json, _logKey.Verifier, []);
        Assert.True(check.IsValid, check.Problem);
        Assert.True((await GetAsync(Maker, serial)).Events == 5);
        Assert.True((await GetAsync(Regulator, serial)).Events == 5);
    }

    [Fact]
    public async Task Events_after_the_checkpoint_are_pending()
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        await SignAsync();
        await _world.ScanAsync(Wholesaler, Code(serial), new PackCommand(PackAction.Ship, Pharmacy.Gln));

        var proof = await GetAsync(Wholesaler, serial);

        Assert.Equal((3, 1), (proof.Events, proof.PendingEvents));
        Assert.True(ProofBundle.Verify(proof.Json, _logKey.Verifier, []).IsValid);
    }

    [Fact]
    public async Task Without_a_checkpoint_holding_the_pack_it_is_a_conflict()
    {
        var serial = await _world.PackAtAsync(Maker);
        var none = await Assert.ThrowsAsync<ConflictException>(() => GetAsync(Maker, serial).AsTask());
        Assert.Equal("The log has not signed a checkpoint that holds this pack yet; try again in a few seconds.", none.Message);

        await SignAsync();
        var later = await _world.PackAtAsync(Maker, "LOT43");
        await Assert.ThrowsAsync<ConflictException>(() => GetAsync(Maker, later).AsTask());
    }

    [Fact]
    public async Task A_pack_that_does_not_exist_or_may_not_be_seen_is_not_found()
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        await SignAsync();
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(Maker, "NOSUCH").AsTask());
        Assert.Equal($"No pack NOSUCH of GTIN {Gtin} that you may see.", missing.Message);
        var hidden = await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(OtherPharmacy, serial).AsTask());
        Assert.Equal($"No pack {serial} of GTIN {Gtin} that you may see.", hidden.Message);
    }

    [Fact]
    public async Task With_witnesses_the_newest_checkpoint_they_all_cosigned_is_used()
    {
        _options.Witnesses = [new() { Url = "https://w.example", Key = _witness.Verifier.VerifierKey }, new() { Url = "https://bad.example", Key = "not a key" }];
        var serial = await _world.PackAtAsync(Wholesaler);
        await SignAsync();
        await CosignLatestAsync();
        var cosignedSize = _checkpoints.All[^1].Size;
        await _world.ScanAsync(Wholesaler, Code(serial), new PackCommand(PackAction.Ship, Pharmacy.Gln));
        await SignAsync();

        var proof = await GetAsync(Wholesaler, serial);

        Assert.Equal((cosignedSize, 3, 1), (proof.CheckpointSize, proof.Events, proof.PendingEvents));
        var check = ProofBundle.Verify(proof.Json, _logKey.Verifier, [_witness.Verifier]);
        Assert.True(check.IsValid, check.Problem);
    }

    [Fact]
    public async Task With_witnesses_that_cosigned_nothing_the_latest_checkpoint_is_used()
    {
        _options.Witnesses = [new() { Url = "https://w.example", Key = _witness.Verifier.VerifierKey }];
        var serial = await _world.PackAtAsync(Wholesaler);
        await SignAsync();
        await _world.ScanAsync(Wholesaler, Code(serial), new PackCommand(PackAction.Ship, Pharmacy.Gln));
        await SignAsync();

        var proof = await GetAsync(Wholesaler, serial);

        Assert.Equal(((long)_world.Ledger.Log.Count, 4, 0), (proof.CheckpointSize, proof.Events, proof.PendingEvents));
    }

    [Fact]
    public async Task With_witnesses_and_no_checkpoint_it_is_a_conflict()
    {
        _options.Witnesses = [new() { Url = "https://w.example", Key = _witness.Verifier.VerifierKey }];
        var serial = await _world.PackAtAsync(Maker);
        await Assert.ThrowsAsync<ConflictException>(() => GetAsync(Maker, serial).AsTask());
    }

    [Fact]
    public void The_validator_names_a_bad_GTIN_and_serial()
    {
        Assert.Equal([("gtin", "The GTIN is empty."), ("serial", "The serial is 21 characters; at most 20 are allowed.")],
            new GetPackProofValidator().Validate(new GetPackProof(Maker.Gln, "", new string('S', 21))));
        Assert.Empty(new GetPackProofValidator().Validate(new GetPackProof(Maker.Gln, Gtin, "S1")));
    }
}
