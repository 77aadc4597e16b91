using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Application.Audit;

/// <summary>
/// The latest checkpoint the log signed, read back and verified with the log's own key, so that
/// the audit can hold the stored log to it. An edited checkpoint row is itself a finding.
/// </summary>
public sealed class CheckpointAudit(ICheckpointStore checkpoints, NoteSigner signer)
{
    public async ValueTask<(Checkpoint? Checkpoint, string? Problem)> LatestAsync(CancellationToken cancellationToken)
    {
        var latest = await checkpoints.LatestAsync(cancellationToken);
        if (latest is null) return (null, null);
        if (!SignedNote.TryParse(latest.Note, out var note, out var problem))
            return (null, $"the stored checkpoint of size {latest.Size} is not a signed note ({problem}): it was edited");
        var check = note!.Open([signer.Verifier], out _);
        if (!check.IsValid) return (null, $"the stored checkpoint of size {latest.Size} does not verify with the log's key: it was edited");
        if (!Checkpoint.TryParse(note.Text, out var checkpoint, out problem))
            return (null, $"the stored checkpoint of size {latest.Size} is not a checkpoint ({problem})");
        if (checkpoint!.Size != latest.Size || checkpoint.Root != latest.Root)
            return (checkpoint, $"the stored checkpoint row says size {latest.Size}, its signed note says {checkpoint.Size} with another root: the row was edited");
        return (checkpoint, null);
    }

    /// <summary>Size and root of a checkpoint as text, for the report.</summary>
    public static string Describe(Checkpoint c) => $"size {c.Size}, root {Convert.ToBase64String(c.Root.ToBytes())}";

    public static Hash256 RootOf(Checkpoint c) => c.Root;
}
