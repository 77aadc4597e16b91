using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Investigations;

/// <summary>
/// Who may set a pack aside or end its quarantine, checked before the scan is judged so that a
/// party without the right gets a 403 and nothing is stored: a quarantine by the holder, the
/// recipient or a regulator; a release or confirmation by the party that quarantined the pack or a
/// regulator. The domain decides the same again (<see cref="PackLifecycle.Decide"/>) against the
/// state it appends on. The words never name the holder.
/// </summary>
public sealed class InvestigationGuard(ILedgerStore ledger, TimeProvider clock)
{
    /// <summary>What each investigation use case does: checks the actor's right, then scans the pack with its step.</summary>
    public async ValueTask<ScanOutcome> ScanAsync(PackHandoffs handoffs, Party actor, string code, PackCommand command, CancellationToken ct)
    {
        await CheckAsync(actor, code, command.Action, ct);
        return await handoffs.HandleAsync(actor, code, command, ct);
    }

    public async ValueTask CheckAsync(Party actor, string? code, PackAction action, CancellationToken ct)
    {
        var parsed = ScanCodeReader.Parse(code, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        // An unreadable or unknown code is the scan's own answer (triage, alerts): not decided here.
        if (!parsed.IsSuccess || actor.Role == PartyRole.Regulator) return;
        if (await ledger.FindPackAsync(parsed.Value!.Gtin.Value, parsed.Value.Serial, ct) is not { } pack) return;
        var allowed = action switch
        {
            PackAction.Quarantine => pack.Status == PackStatus.Quarantined || pack.Custodian == actor.Gln || pack.ShipTo == actor.Gln,
            PackAction.Release or PackAction.ConfirmIllegitimate => pack.Status != PackStatus.Quarantined || pack.ChangedBy == actor.Gln,
            _ => true,
        };
        if (!allowed)
            throw new ForbiddenAccessException(action == PackAction.Quarantine
                ? "Only the holder of this pack, the party it is shipped to, or a regulator can quarantine it."
                : $"Only the party that quarantined this pack or a regulator can {(action == PackAction.Release ? "release it" : "confirm it illegitimate")}.");
    }
}
