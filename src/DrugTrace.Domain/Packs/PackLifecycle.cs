using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Packs;

/// <summary>
/// The pack lifecycle of ARCHITECTURE.md section 4 as pure functions: <see cref="Decide"/>
/// says whether a handoff may happen, <see cref="Apply"/> folds an event into the state.
/// Suspicious situations are found by the alert rules (<see cref="AlertRules"/>); what is
/// left here are plain mistakes, which are refused without an alert.
/// </summary>
public static class PackLifecycle
{
    public static readonly TimeSpan UndoWindow = UndoRefusedRule.Window;

    /// <summary>Which roles may ask for an action at all (custody is checked in <see cref="Decide"/>).</summary>
    public static bool IsAllowed(PartyRole role, PackAction action) => action switch
    {
        PackAction.Verify => true,
        PackAction.Ship => role is PartyRole.Manufacturer or PartyRole.Wholesaler,
        PackAction.Receive => role is PartyRole.Wholesaler or PartyRole.Pharmacy,
        PackAction.Dispense or PackAction.UndoDispense => role is PartyRole.Pharmacy,
        PackAction.Decommission or PackAction.Unlock => role is not PartyRole.Regulator,
        // Who may set a pack aside is a custody question, answered in Decide: any holder, any recipient, a regulator.
        PackAction.Quarantine or PackAction.Release or PackAction.ConfirmIllegitimate => true,
        _ => false,
    };

    /// <summary>
    /// Is the scanned code the pack that was commissioned? A mismatch of lot or expiry means
    /// the label was not printed by the manufacturer.
    /// </summary>
    public static IReadOnlyList<Finding> CheckAuthenticity(PackState pack, string? scannedLot, DateOnly? scannedExpiry) =>
        AlertRules.CheckAuthenticity(new ScanFacts
        {
            Action = PackAction.Verify,
            Now = default,
            Scanned = new PackIdentity(Gtin.Parse(pack.Gtin), pack.Serial, scannedLot, scannedExpiry),
            ProductName = pack.Gtin,
            Pack = pack,
        });

    /// <summary>The event a handoff records when it is accepted; null for a verification, which records none.</summary>
    public static EventType? EventOf(PackAction action) => action switch
    {
        PackAction.Ship => EventType.Shipped,
        PackAction.Receive => EventType.Received,
        PackAction.Dispense => EventType.Dispensed,
        PackAction.UndoDispense => EventType.DispenseUndone,
        PackAction.Decommission => EventType.Decommissioned,
        PackAction.Unlock => EventType.Unlocked,
        PackAction.Quarantine => EventType.Quarantined,
        PackAction.Release => EventType.Released,
        PackAction.ConfirmIllegitimate => EventType.ConfirmedIllegitimate,
        _ => null,
    };

    /// <summary>Decides a handoff by <paramref name="actor"/> at <paramref name="now"/>.</summary>
    /// <paramref name="partyName"/> turns a GLN into the words used in messages (by default the GLN itself).
    public static Decision Decide(PackState pack, LotState lot, PackCommand command, Party actor, DateTimeOffset now, Func<string?, string>? partyName = null)
    {
        var name = partyName ?? Gln;
        if (!IsAllowed(actor.Role, command.Action))
            return new Decision.Refused($"A {actor.Role.ToString().ToLowerInvariant()} may not {Verb(command.Action)} packs.");
        var facts = new ScanFacts { Action = command.Action, Actor = actor, Now = now, Pack = pack, Lot = lot, Name = name };
        // A stolen pack is reported whatever is asked of it, before any plain mistake.
        if (StolenPackRule.Check(facts) is { } stolen)
            return new Decision.Refused(stolen.Message, stolen);
        if (command.Action == PackAction.Verify)
            return new Decision.Refused("A verification does not change a pack.");
        if (Mistake(pack, command, actor, name) is { } mistake)
            return new Decision.Refused(mistake);
        if (AlertRules.CheckState(facts) is [var finding, ..])
            return new Decision.Refused(finding.Message, finding);

        // The event type is EventOf's; what is decided here is who it moves the pack from and to, and why.
        var type = EventOf(command.Action) ?? throw new ArgumentOutOfRangeException(nameof(command), command.Action, null);
        (string? From, string? To, string? Reason) move = command.Action switch
        {
            // A pack moved with its case names the case: the audit can then tell it did not move alone.
            PackAction.Ship => (actor.Gln, command.To, command.Case),
            PackAction.Receive => (pack.Custodian, actor.Gln, command.Case),
            PackAction.Dispense => (actor.Gln, null, null),
            PackAction.UndoDispense => (null, actor.Gln, null),
            PackAction.Decommission => (actor.Gln, null, ReasonText(command.Reason!.Value)),
            PackAction.Unlock => (null, actor.Gln, null),
            PackAction.Quarantine => (null, null, command.Note!.Trim()),
            PackAction.Release or PackAction.ConfirmIllegitimate => (null, null, Trimmed(command.Note)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.Action, null),
        };
        return new Decision.Accepted(type, move.From, move.To, move.Reason);
    }

    // Plain mistakes by the pack's own holder or recipient: refused with a hint, no alert.
    private static string? Mistake(PackState pack, PackCommand command, Party actor, Func<string?, string> name)
    {
        var holder = pack.Custodian == actor.Gln;
        var withItsCase = command.Action is PackAction.Ship or PackAction.Receive && command.Case is not null && command.Case == pack.Parent;
        if (pack.Parent is { } parent && !withItsCase)
            return $"This pack is packed in case (00) {parent}; ship or receive the case, or unpack it first.";
        if (command.Case is { } other && !withItsCase)
            return $"This pack is not packed in case (00) {other}.";
        if (pack.Status == PackStatus.Locked && holder && command.Action != PackAction.Unlock)
            return $"This pack was locked by {name(pack.ChangedBy)} on {pack.ChangedAt.UtcDateTime:yyyy-MM-dd}; it must be unlocked first.";
        // A held pack does not move, whoever asks: only its release or confirmation is decided below.
        if (pack.Status == PackStatus.Quarantined && command.Action is not (PackAction.Release or PackAction.ConfirmIllegitimate))
            return command.Action == PackAction.Quarantine
                ? $"This pack is already quarantined since {pack.ChangedAt.UtcDateTime:yyyy-MM-dd}."
                : $"This pack is quarantined since {pack.ChangedAt.UtcDateTime:yyyy-MM-dd} while it is investigated; it cannot be {Participle(command.Action)} until it is released.";
        var mayJudge = pack.ChangedBy == actor.Gln || actor.Role == PartyRole.Regulator;
        return command.Action switch
        {
            PackAction.Quarantine when string.IsNullOrWhiteSpace(command.Note) =>
                "Say why the pack is quarantined: what makes it suspect.",
            PackAction.Quarantine when pack.Status is not (PackStatus.Active or PackStatus.InTransit) =>
                $"Only an active or in-transit pack can be quarantined; this one is {DescribeStatus(pack.Status)}.",
            // Worded without naming the holder: the asking party may be uninvolved.
            PackAction.Quarantine when !holder && pack.ShipTo != actor.Gln && actor.Role != PartyRole.Regulator =>
                "Only the holder of this pack, the party it is shipped to, or a regulator can quarantine it.",
            PackAction.Release or PackAction.ConfirmIllegitimate when pack.Status != PackStatus.Quarantined =>
                $"Only a quarantined pack can be {Participle(command.Action)}; this one is {DescribeStatus(pack.Status)}.",
            PackAction.Release or PackAction.ConfirmIllegitimate when !mayJudge =>
                $"Only the party that quarantined this pack or a regulator can {Verb(command.Action)} it.",
            PackAction.Ship when string.IsNullOrEmpty(command.To) => "A shipment needs the GLN of the party it goes to.",
            PackAction.Ship when command.To == actor.Gln => "A pack cannot be shipped to its own holder.",
            PackAction.Ship when holder && pack.Status == PackStatus.InTransit => $"This pack is already on its way to {name(pack.ShipTo)}.",
            PackAction.Receive when holder && pack.Status == PackStatus.Active => "This pack is already in your stock.",
            PackAction.Dispense when pack.Status == PackStatus.InTransit && pack.ShipTo == actor.Gln =>
                "Receive this pack into your stock before dispensing it.",
            PackAction.UndoDispense when pack.Status != PackStatus.Dispensed =>
                $"Only a dispensed pack can be put back; this one is {DescribeStatus(pack.Status)}.",
            PackAction.Decommission when command.Reason is null =>
                "Say why the pack is decommissioned: destroyed, stolen, sample, free-sample, exported or locked.",
            PackAction.Decommission when holder && pack.Status == PackStatus.InTransit && command.Reason != DecommissionReason.Stolen =>
                $"This pack is on its way to {name(pack.ShipTo)}; it can only be reported stolen.",
            PackAction.Unlock when pack.Status != PackStatus.Locked =>
                $"Only a locked pack can be unlocked; this one is {DescribeStatus(pack.Status)}.",
            PackAction.Unlock when pack.ChangedBy != actor.Gln => "Only the party that locked this pack can unlock it.",
            _ => null,
        };
    }

    /// <summary>Folds one event into a pack's state; <paramref name="state"/> is null before commissioning.</summary>
    public static PackState Apply(PackState? state, LedgerEvent e)
    {
        if (e.Stream != StreamKind.Pack) throw new ArgumentException("Only pack events change a pack.", nameof(e));
        var head = new ChainHead(e.Seq, e.Hash);
        if (e.Type == EventType.Commissioned)
        {
            if (state is not null) throw new InvalidOperationException($"Pack {e.Gtin}/{e.Key} is already commissioned.");
            return new PackState
            {
                Gtin = e.Gtin,
                Serial = e.Key,
                Lot = e.Lot ?? throw new InvalidOperationException("A commissioning event states the lot."),
                Expiry = e.Expiry ?? throw new InvalidOperationException("A commissioning event states the expiry."),
                Status = PackStatus.Active,
                Custodian = e.Actor,
                ChangedBy = e.Actor,
                ChangedAt = e.OccurredAt,
                Head = head,
            };
        }
        if (state is null) throw new InvalidOperationException($"Pack {e.Gtin}/{e.Key} has no commissioning event.");
        var next = state with { Head = head, ChangedBy = e.Actor, ChangedAt = e.OccurredAt };
        return e.Type switch
        {
            EventType.Shipped => next with { Status = PackStatus.InTransit, ShipTo = e.To },
            EventType.Received => next with { Status = PackStatus.Active, Custodian = e.Actor, ShipTo = null },
            EventType.Dispensed => next with { Status = PackStatus.Dispensed },
            EventType.DispenseUndone or EventType.Unlocked => next with { Status = PackStatus.Active },
            EventType.Decommissioned => next with { Status = StatusFor(ParseReason(e.Reason)), ShipTo = null },
            // The shipment (if any) stays recorded while the pack is held, so a release resumes it.
            EventType.Quarantined => next with { Status = PackStatus.Quarantined, HeldFrom = state.Status },
            EventType.Released => next with
            {
                Status = state.HeldFrom ?? throw new InvalidOperationException($"Pack {e.Gtin}/{e.Key} is released without being quarantined."),
                HeldFrom = null,
            },
            EventType.ConfirmedIllegitimate => next with { Status = PackStatus.Illegitimate, HeldFrom = null, ShipTo = null },
            EventType.Aggregated => next with { Parent = e.To ?? throw new InvalidOperationException($"Pack {e.Gtin}/{e.Key} is packed into no case.") },
            EventType.Disaggregated => next with { Parent = null },
            _ => throw new InvalidOperationException($"{e.Type} is not a pack event."),
        };
    }

    /// <summary>The status shown to people: a lot recall overrides every status of a pack still in the chain.</summary>
    /// A quarantine is shown over a recall: the pack is held either way, and the hold is what the holder must know.
    public static string EffectiveStatus(PackState pack, LotState lot) =>
        lot.IsRecalled && IsInSupplyChain(pack.Status) && pack.Status != PackStatus.Quarantined ? "Recalled" : pack.Status.ToString();

    public static bool IsExpired(PackState pack, DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime) > pack.Expiry;

    public static bool IsInSupplyChain(PackStatus status) =>
        status is PackStatus.Active or PackStatus.InTransit or PackStatus.Locked or PackStatus.Quarantined;

    /// <summary>The reason as written into the hashed event body (kebab-case, as in the API).</summary>
    public static string ReasonText(DecommissionReason reason) => reason switch
    {
        DecommissionReason.FreeSample => "free-sample",
        _ => reason.ToString().ToLowerInvariant(),
    };

    public static bool TryParseReason(string? text, out DecommissionReason reason)
    {
        foreach (var candidate in Enum.GetValues<DecommissionReason>())
        {
            if (string.Equals(ReasonText(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                reason = candidate;
                return true;
            }
        }
        reason = default;
        return false;
    }

    private static DecommissionReason ParseReason(string? text) =>
        TryParseReason(text, out var reason) ? reason : throw new InvalidOperationException($"Unknown decommission reason '{text}'.");

    private static PackStatus StatusFor(DecommissionReason reason) => reason switch
    {
        DecommissionReason.Destroyed => PackStatus.Destroyed,
        DecommissionReason.Stolen => PackStatus.Stolen,
        DecommissionReason.Sample => PackStatus.Sample,
        DecommissionReason.FreeSample => PackStatus.FreeSample,
        DecommissionReason.Exported => PackStatus.Exported,
        DecommissionReason.Locked => PackStatus.Locked,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static string Gln(string? gln) => gln ?? "";

    /// <summary>A status in words: "in transit", "dispensed", ...</summary>
    public static string DescribeStatus(PackStatus status) => status switch
    {
        PackStatus.InTransit => "in transit",
        PackStatus.FreeSample => "given as a free sample",
        PackStatus.Sample => "taken as a sample",
        PackStatus.Active => "active",
        PackStatus.Illegitimate => "confirmed illegitimate",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Verb(PackAction action) => action switch
    {
        PackAction.UndoDispense => "undo the dispensing of",
        PackAction.ConfirmIllegitimate => "confirm as illegitimate",
        _ => action.ToString().ToLowerInvariant(),
    };

    private static string Participle(PackAction action) => action switch
    {
        PackAction.Ship => "shipped",
        PackAction.Receive => "received",
        PackAction.Dispense => "dispensed",
        PackAction.UndoDispense => "put back",
        PackAction.Decommission => "decommissioned",
        PackAction.Unlock => "unlocked",
        PackAction.Release => "released",
        PackAction.ConfirmIllegitimate => "confirmed as illegitimate",
        _ => action.ToString().ToLowerInvariant() + "d",
    };

    private static string? Trimmed(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
