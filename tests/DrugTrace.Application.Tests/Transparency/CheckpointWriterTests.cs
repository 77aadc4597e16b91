using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Transparency;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DrugTrace.Application.Tests.Transparency;

/// <summary>A checkpoint is signed only when the log grew, and never over a log that no longer matches what was signed.</summary>
public sealed class CheckpointWriterTests
{
    private const string Origin = "drugtrace.test/log";
    private readonly InMemoryLogTreeStore _store = new();
    private readonly InMemoryCheckpointStore _checkpoints = new();
    private readonly NoteSigner _signer = NoteSigner.Generate(Origin);
    private readonly FakeTimeProvider _clock = new(TestWorld.Start);

    private CheckpointWriter Writer() =>
        new(new LogTree(_store), _checkpoints, _signer, Options.Create(new LogOptions { Origin = Origin }), _clock);

    private Checkpoint Verified(StoredCheckpoint stored)
    {
        var note = SignedNote.Parse(stored.Note);
        Assert.True(note.Open([_signer.Verifier], out _).IsValid);
        Assert.True(Checkpoint.TryParse(note.Text, out var checkpoint, out var problem), problem);
        return checkpoint!;
    }

    [Fact]
    public void The_origin_is_the_configured_one() => Assert.Equal(Origin, Writer().Origin);

    [Fact]
    public async Task The_empty_log_gets_a_checkpoint_of_size_zero()
    {
        var stored = await Writer().SignIfGrownAsync(default);

        Assert.NotNull(stored);
        Assert.Equal((0L, Rfc6962.EmptyRoot, TestWorld.Start), (stored.Size, stored.Root, stored.SignedAt));
        var checkpoint = Verified(stored);
        Assert.Equal((Origin, 0L, Rfc6962.EmptyRoot), (checkpoint.Origin, checkpoint.Size, checkpoint.Root));
        Assert.Same(stored, Assert.Single(_checkpoints.All));
    }

    [Fact]
    public async Task A_grown_log_gets_a_signed_checkpoint_of_its_size_and_root()
    {
        _store.Grow(5);
        await Writer().SignIfGrownAsync(default);
        _store.Grow(12);
        _clock.Advance(TimeSpan.FromSeconds(5));

        var stored = await Writer().SignIfGrownAsync(default);

        Assert.NotNull(stored);
        Assert.Equal((17L, _store.Root(17), TestWorld.Start.AddSeconds(5)), (stored.Size, stored.Root, stored.SignedAt));
        var checkpoint = Verified(stored);
        Assert.Equal((17L, _store.Root(17)), (checkpoint.Size, checkpoint.Root));
        Assert.Equal([5L, 17L], _checkpoints.All.Select(c => c.Size));
    }

    [Fact]
    public async Task A_log_that_did_not_grow_is_not_signed_again()
    {
        _store.Grow(5);
        await Writer().SignIfGrownAsync(default);

        Assert.Null(await Writer().SignIfGrownAsync(default));
        Assert.Single(_checkpoints.All);
    }

    [Fact]
    public async Task A_log_smaller_than_its_checkpoint_is_an_integrity_error()
    {
        _store.Grow(5);
        await Writer().SignIfGrownAsync(default);
        _store.Truncate(3);

        var error = await Assert.ThrowsAsync<LogIntegrityException>(() => Writer().SignIfGrownAsync(default).AsTask());
        Assert.Equal("The log holds 3 events, fewer than the 5 of the checkpoint it signed.", error.Message);
        Assert.Single(_checkpoints.All);
    }

    [Fact]
    public async Task A_rewritten_log_is_never_signed_over()
    {
        _store.Grow(5);
        await Writer().SignIfGrownAsync(default);
        _store.Rewrite(2);
        _store.Grow(1);

        var error = await Assert.ThrowsAsync<LogIntegrityException>(() => Writer().SignIfGrownAsync(default).AsTask());
        Assert.Equal("The log's first 5 events no longer hash to the root signed at that size.", error.Message);
        Assert.Single(_checkpoints.All);
    }

    [Fact]
    public async Task A_checkpoint_of_that_size_already_stored_is_not_returned()
    {
        _store.Grow(9);
        // A checkpoint of size 9 is stored, then (out of order) one of size 4 becomes the latest.
        await _checkpoints.AddAsync(new StoredCheckpoint(9, _store.Root(9), TestWorld.Start, "note 9"), default);
        await _checkpoints.AddAsync(new StoredCheckpoint(4, _store.Root(4), TestWorld.Start, "note 4"), default);

        Assert.Null(await Writer().SignIfGrownAsync(default));
        Assert.Equal(2, _checkpoints.All.Count);
    }
}
