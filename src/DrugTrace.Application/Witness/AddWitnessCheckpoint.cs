using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Transparency;
using Mediator;

namespace DrugTrace.Application.Witness;

/// <summary>
/// C2SP tlog-witness add-checkpoint: cosign a log's checkpoint only if it is consistent with the
/// last one cosigned for that origin. Public: the log's signature is the request's credential.
/// </summary>
public sealed record AddWitnessCheckpoint(string Body) : IRequest<WitnessVerdict>;

/// <summary>The spec's answers: 200, 400, 403, 404, 409 (with the size held), 422.</summary>
public enum WitnessOutcome
{
    Cosigned,
    BadRequest,
    NotSignedByLog,
    UnknownLog,
    Conflict,
    Inconsistent,
}

/// <summary><see cref="Cosignatures"/> for <see cref="WitnessOutcome.Cosigned"/>; <see cref="KnownSize"/> for a conflict.</summary>
public sealed record WitnessVerdict(WitnessOutcome Outcome, string Message, long? KnownSize = null, string? Cosignatures = null);

public sealed class AddWitnessCheckpointHandler(
    WitnessedLogs logs, IWitnessStore store, Cosigner cosigner, AlertRaiser alerts, TimeProvider clock)
    : IRequestHandler<AddWitnessCheckpoint, WitnessVerdict>
{
    // Two requests racing for one origin: the loser re-reads and is judged again.
    private const int Attempts = 3;

    public async ValueTask<WitnessVerdict> Handle(AddWitnessCheckpoint request, CancellationToken cancellationToken)
    {
        if (!AddCheckpointBody.TryParse(request.Body, out var body, out var problem)) return Bad($"The request is not an add-checkpoint body: {problem}.");
        if (!SignedNote.TryParse(body!.Note, out var note, out problem)) return Bad($"The checkpoint is not a signed note: {problem}.");
        if (!Checkpoint.TryParse(note!.Text, out var checkpoint, out problem)) return Bad($"The note is not a checkpoint: {problem}.");
        var keys = logs.KeysOf(checkpoint!.Origin);
        if (keys is null) return new(WitnessOutcome.UnknownLog, $"This witness does not follow the log '{checkpoint.Origin}'.");
        if (!note.Open(keys, out _).IsValid)
            return new(WitnessOutcome.NotSignedByLog, $"No signature on the checkpoint verifies with a key trusted for '{checkpoint.Origin}'.");
        if (body.OldSize > checkpoint.Size)
            return await RefusedAsync(checkpoint, WitnessOutcome.BadRequest, $"The old size {body.OldSize} is larger than the checkpoint's size {checkpoint.Size}.", null, cancellationToken);

        for (var attempt = 0; ; attempt++)
        {
            var last = await store.FindAsync(checkpoint.Origin, cancellationToken);
            var lastSize = last?.Size ?? 0;
            if (body.OldSize != lastSize)
            {
                var message = $"The last checkpoint cosigned for '{checkpoint.Origin}' has size {lastSize}, not {body.OldSize}.";
                // A stale old size is the protocol's handshake; a checkpoint below what was cosigned is a log that shrank.
                return checkpoint.Size < lastSize
                    ? await RefusedAsync(checkpoint, WitnessOutcome.Conflict, $"The checkpoint's size {checkpoint.Size} is below the {lastSize} already cosigned: the log lost entries.", lastSize, cancellationToken)
                    : new(WitnessOutcome.Conflict, message, lastSize);
            }
            if (last is not null && last.Size == checkpoint.Size && last.Root != checkpoint.Root)
                return await RefusedAsync(checkpoint, WitnessOutcome.Conflict, $"A checkpoint of size {checkpoint.Size} with another root was cosigned before: the log shows two views.", lastSize, cancellationToken);
            if (Inconsistency(body, last, checkpoint) is { } inconsistent)
                return await RefusedAsync(checkpoint, WitnessOutcome.Inconsistent, inconsistent, null, cancellationToken);

            var now = clock.GetUtcNow();
            var next = new WitnessedCheckpoint(checkpoint.Origin, checkpoint.Size, checkpoint.Root, body.Note, now);
            if (await store.ReplaceAsync(last, next, cancellationToken))
                return new(WitnessOutcome.Cosigned, $"Cosigned '{checkpoint.Origin}' at size {checkpoint.Size}.", Cosignatures: cosigner.SignatureLine(note.Text, now.ToUnixTimeSeconds()));
            if (attempt + 1 == Attempts)
            {
                var current = await store.FindAsync(checkpoint.Origin, cancellationToken);
                return new(WitnessOutcome.Conflict, $"Other requests for '{checkpoint.Origin}' kept changing it; it now has size {current?.Size ?? 0}.", current?.Size ?? 0);
            }
        }
    }

    private static string? Inconsistency(AddCheckpointBody body, WitnessedCheckpoint? last, Checkpoint checkpoint)
    {
        if (body.OldSize == 0)
            return body.Proof.Count == 0 ? null : $"The old size is 0 but the request holds {body.Proof.Count} proof lines; the proof must be empty.";
        if (last is null) return "Nothing was cosigned for this log yet."; // unreachable: old size 0 matched above
        var check = ProofVerifier.VerifyConsistency(body.OldSize, checkpoint.Size, [.. body.Proof.Select(p => p.ToBytes())], last.Root.ToBytes(), checkpoint.Root.ToBytes());
        return check.IsValid ? null : $"The consistency proof from size {body.OldSize} to {checkpoint.Size} does not verify: {check.Problem}.";
    }

    /// <summary>A refusal of a checkpoint the log really signed is evidence against the log: an alert on this witness.</summary>
    private async ValueTask<WitnessVerdict> RefusedAsync(Checkpoint checkpoint, WitnessOutcome outcome, string message, long? knownSize, CancellationToken cancellationToken)
    {
        var subject = new AlertSubject(AlertAction.Witness, $"witness:{checkpoint.Origin}", null, null, null, checkpoint.Origin, null, ProbableScanningError: false);
        await alerts.RaiseAsync(subject, [IntegrityViolationRule.CheckLog($"witness {cosigner.Name} refused its checkpoint of size {checkpoint.Size} of '{checkpoint.Origin}': {message.TrimEnd('.')}")], cancellationToken);
        return new(outcome, message, knownSize);
    }

    private static WitnessVerdict Bad(string message) => new(WitnessOutcome.BadRequest, message);
}
