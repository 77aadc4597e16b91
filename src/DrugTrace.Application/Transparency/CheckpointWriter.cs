using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Transparency;
using Microsoft.Extensions.Options;

namespace DrugTrace.Application.Transparency;

/// <summary>
/// Signs a checkpoint of the log when it grew since the last one. Before signing, the tree at
/// the last checkpoint's size must still have that checkpoint's root: a log that was rewritten
/// under the store is never signed over (that would bless the rewrite).
/// </summary>
public sealed class CheckpointWriter(LogTree tree, ICheckpointStore checkpoints, NoteSigner signer, IOptions<LogOptions> options, TimeProvider clock)
{
    public string Origin => options.Value.Origin;

    /// <summary>The new checkpoint (the empty log's too, so that there always is one), or null when the log has not grown.</summary>
    public async ValueTask<StoredCheckpoint?> SignIfGrownAsync(CancellationToken cancellationToken)
    {
        var size = await tree.SizeAsync(cancellationToken);
        var last = await checkpoints.LatestAsync(cancellationToken);
        if (last is not null && size <= last.Size)
        {
            if (size < last.Size)
                throw new LogIntegrityException($"The log holds {size} events, fewer than the {last.Size} of the checkpoint it signed.");
            return null;
        }
        if (last is not null && await tree.RootAsync(last.Size, cancellationToken) != last.Root)
            throw new LogIntegrityException($"The log's first {last.Size} events no longer hash to the root signed at that size.");

        var root = await tree.RootAsync(size, cancellationToken);
        var body = new Checkpoint(Origin, size, root).Text;
        var note = SignedNote.Sign(body, signer).ToString();
        var stored = new StoredCheckpoint(size, root, clock.GetUtcNow(), note);
        return await checkpoints.AddAsync(stored, cancellationToken) ? stored : null;
    }
}
