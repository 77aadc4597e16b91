using System.Globalization;
using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Transparency;

namespace DrugTrace.Application.Transparency;

/// <summary>How one submission to a witness went: the background loop backs off after the last two.</summary>
public enum SubmissionResult
{
    Cosigned,
    AlreadyCosigned,
    Refused,
    Unreachable,
}

/// <summary>
/// Sends the latest checkpoint to one witness (C2SP tlog-witness) with the consistency proof from
/// the size the witness last cosigned, follows a 409 to the size the witness reports, and adds a
/// verified cosignature to the stored note that <c>/log/checkpoint</c> serves. A refusal is an
/// IntegrityViolation alert: a witness that will not cosign is saying the log changed under it.
/// </summary>
public sealed class WitnessSubmitter(
    ICheckpointStore checkpoints, LogTree tree, IWitnessAnswers answers, IWitnessClient client, AlertRaiser alerts, CheckpointWriter log, TimeProvider clock)
{
    // One handshake (old 0 -> 409 N) and one resend; more means the witness keeps moving.
    private const int Attempts = 3;

    public async ValueTask<SubmissionResult> SubmitAsync(WitnessEndpoint witness, NoteVerifier witnessKey, CancellationToken cancellationToken)
    {
        var latest = await checkpoints.LatestAsync(cancellationToken);
        if (latest is null) return SubmissionResult.AlreadyCosigned;
        var note = SignedNote.Parse(latest.Note);
        if (note.Signatures.Any(s => s.Name == witnessKey.Name && s.KeyId == witnessKey.KeyId)) return SubmissionResult.AlreadyCosigned;

        var old = (await answers.FindAsync(witness.Url, cancellationToken))?.Size ?? 0;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (old > latest.Size)
                return await RefusedAsync(witness, witnessKey, old, 409,
                    $"the witness cosigned size {old}, more than the log's {latest.Size}: the log lost entries", latest.Size, cancellationToken);
            IReadOnlyList<Hash256> proof = old == 0 ? [] : await tree.ConsistencyAsync(old, latest.Size, cancellationToken);
            var body = new AddCheckpointBody(old, proof, latest.Note).Text;
            var reply = await client.AddCheckpointAsync(witness.Url, body, cancellationToken);
            switch (reply.Status)
            {
                case 200:
                    return await AcceptAsync(witness, witnessKey, latest, note, reply, cancellationToken);
                case 409 when ParseSize(reply) is { } known && known != old:
                    // The witness holds another size: resend from it (the first contact always lands here).
                    old = known;
                    await SaveAsync(witness, witnessKey, old, 409, $"the witness holds size {known}; resent from it", cancellationToken);
                    continue;
                case 0 or 408 or 429 or >= 500:
                    await SaveAsync(witness, witnessKey, old, reply.Status, Unreachable(reply), cancellationToken);
                    return SubmissionResult.Unreachable;
                default:
                    return await RefusedAsync(witness, witnessKey, ParseSize(reply) ?? old, reply.Status,
                        $"answered {reply.Status}: {Shorten(reply.Body)}", latest.Size, cancellationToken);
            }
        }
        await SaveAsync(witness, witnessKey, old, 409, $"the witness's size kept changing over {Attempts} attempts; trying again later", cancellationToken);
        return SubmissionResult.Unreachable;
    }

    private async ValueTask<SubmissionResult> AcceptAsync(
        WitnessEndpoint witness, NoteVerifier witnessKey, StoredCheckpoint latest, SignedNote note, WitnessReply reply, CancellationToken cancellationToken)
    {
        // The reply is signature lines over our checkpoint: parsed as one note and checked with the witness's key only.
        if (!SignedNote.TryParse(note.Text + "\n" + reply.Body, out var cosigned, out var problem)
            || !cosigned!.Open([witnessKey], out var verified).IsValid)
        {
            await SaveAsync(witness, witnessKey, latest.Size, 200, $"answered 200 but no valid cosignature by {witnessKey.Name}: {problem ?? "signature does not verify"}", cancellationToken);
            return SubmissionResult.Unreachable;
        }
        var current = (await checkpoints.RecentAsync(20, cancellationToken)).FirstOrDefault(c => c.Size == latest.Size) ?? latest;
        var merged = SignedNote.Parse(current.Note).WithSignatures(verified.Select(v => v.Signature));
        await checkpoints.UpdateNoteAsync(latest.Size, merged.ToString(), cancellationToken);
        await SaveAsync(witness, witnessKey, latest.Size, 200, $"cosigned size {latest.Size}", cancellationToken);
        return SubmissionResult.Cosigned;
    }

    private async ValueTask<SubmissionResult> RefusedAsync(
        WitnessEndpoint witness, NoteVerifier witnessKey, long size, int status, string problem, long checkpointSize, CancellationToken cancellationToken)
    {
        await SaveAsync(witness, witnessKey, size, status, $"refused the checkpoint of size {checkpointSize}: {problem}", cancellationToken);
        var subject = new AlertSubject(AlertAction.Witness, $"witness:{witness.Url}", null, null, null, log.Origin, null, ProbableScanningError: false);
        await alerts.RaiseAsync(subject, [IntegrityViolationRule.CheckLog($"witness {witnessKey.Name} refused the checkpoint of size {checkpointSize}: {problem}")], cancellationToken);
        return SubmissionResult.Refused;
    }

    private ValueTask SaveAsync(WitnessEndpoint witness, NoteVerifier witnessKey, long size, int status, string detail, CancellationToken cancellationToken) =>
        answers.SaveAsync(new WitnessAnswer(witness.Url, witnessKey.Name, size, status, detail, clock.GetUtcNow()), cancellationToken);

    /// <summary>The size in a 409's <c>text/x.tlog.size</c> body, if it is one.</summary>
    private static long? ParseSize(WitnessReply reply)
    {
        if (reply.Status != 409 || reply.ContentType?.StartsWith("text/x.tlog.size", StringComparison.OrdinalIgnoreCase) != true) return null;
        var text = reply.Body.EndsWith('\n') ? reply.Body[..^1] : reply.Body;
        return text.Length > 0 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;
    }

    private static string Unreachable(WitnessReply reply) =>
        reply.Status == 0 ? $"unreachable: {Shorten(reply.Body)}" : $"answered {reply.Status}: {Shorten(reply.Body)}; trying again later";

    private static string Shorten(string s)
    {
        s = s.Trim().ReplaceLineEndings(" ");
        return s.Length <= 200 ? s : s[..200] + "...";
    }
}
