using DrugTrace.Application.Audit;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Application.Tests.Audit;

/// <summary>The stored checkpoint is read back and verified; each kind of edit is its own finding.</summary>
public sealed class CheckpointAuditTests
{
    private const string Origin = "drugtrace.test/log";
    private readonly InMemoryCheckpointStore _store = new();
    private readonly NoteSigner _signer = NoteSigner.Generate(Origin);
    private static readonly Hash256 Root = Rfc6962.LeafHash(Hash256.FromBytes(new byte[32]));

    private string Note(long size, Hash256 root, NoteSigner? signer = null) => SignedNote.Sign(new Checkpoint(Origin, size, root).Text, signer ?? _signer).ToString();

    private ValueTask<(Checkpoint? Checkpoint, string? Problem)> AuditAsync() => new CheckpointAudit(_store, _signer).LatestAsync(default);

    private ValueTask<bool> Store(long size, Hash256 root, string note) => _store.AddAsync(new StoredCheckpoint(size, root, TestWorld.Start, note), default);

    [Fact]
    public async Task No_checkpoint_is_no_finding()
    {
        Assert.Equal((null, null), await AuditAsync());
    }

    [Fact]
    public async Task A_stored_checkpoint_that_verifies_is_returned()
    {
        await Store(12, Root, Note(12, Root));
        var (checkpoint, problem) = await AuditAsync();
        Assert.Null(problem);
        Assert.Equal((Origin, 12L, Root), (checkpoint!.Origin, checkpoint.Size, checkpoint.Root));
        Assert.Equal($"size 12, root {Convert.ToBase64String(Root.ToBytes())}", CheckpointAudit.Describe(checkpoint));
        Assert.Equal(Root, CheckpointAudit.RootOf(checkpoint));
    }

    [Fact]
    public async Task A_note_that_does_not_parse_was_edited()
    {
        await Store(12, Root, "not a note");
        var (checkpoint, problem) = await AuditAsync();
        Assert.Null(checkpoint);
        Assert.StartsWith("the stored checkpoint of size 12 is not a signed note (", problem);
        Assert.EndsWith("): it was edited", problem);
    }

    [Fact]
    public async Task A_note_signed_by_another_key_was_edited()
    {
        await Store(12, Root, Note(12, Root, NoteSigner.Generate(Origin)));
        Assert.Equal((null, "the stored checkpoint of size 12 does not verify with the log's key: it was edited"), await AuditAsync());
    }

    [Fact]
    public async Task A_signed_note_that_is_not_a_checkpoint_is_named()
    {
        await Store(12, Root, SignedNote.Sign("hello\n", _signer).ToString());
        var (checkpoint, problem) = await AuditAsync();
        Assert.Null(checkpoint);
        Assert.StartsWith("the stored checkpoint of size 12 is not a checkpoint (", problem);
    }

    [Fact]
    public async Task A_row_whose_size_or_root_differs_from_its_note_was_edited()
    {
        await Store(12, Root, Note(11, Root));
        var (checkpoint, problem) = await AuditAsync();
        Assert.Equal(11, checkpoint!.Size);
        Assert.Equal("the stored checkpoint row says size 12, its signed note says 11 with another root: the row was edited", problem);

        var other = new InMemoryCheckpointStore();
        await other.AddAsync(new StoredCheckpoint(12, Rfc6962.EmptyRoot, TestWorld.Start, Note(12, Root)), default);
        Assert.Equal("the stored checkpoint row says size 12, its signed note says 12 with another root: the row was edited",
            (await new CheckpointAudit(other, _signer).LatestAsync(default)).Problem);
    }
}
