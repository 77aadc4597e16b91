using System.Globalization;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Packs;

/// <summary>
/// The pack lifecycle of ARCHITECTURE.md section 4 as pure functions: <see cref="Decide"/>
/// says whether a handoff may happen, <see cref="Apply"/> folds an event into the state.
/// </summary>
public static class PackLifecycle
{
    public static readonly TimeSpan UndoWindow = TimeSpan.FromDays(10);

    /// <summary>Which roles may ask for an action at all (custody is checked in <see cref="Decide"/>).</summary>
    public static bool IsAllowed(PartyRole role, PackAction action) => action switch
    {
        PackAction.Verify => true,
        PackAction.Ship => role is PartyRole.Manufacturer or PartyRole.Wholesaler,
        PackAction.Receive => role is PartyRole.Wholesaler or PartyRole.Pharmacy,
        PackAction.Dispense or PackAction.UndoDispense => role is PartyRole.Pharmacy,
        PackAction.Decommission or PackAction.Unlock => role is not PartyRole.Regulator,
        _ => false,
    };

    /// <summary>
    /// Is the scanned code the pack that was commissioned? A mismatch of lot or expiry means
    /// the label was not printed by the manufacturer.
    /// </summary>
    public static IReadOnlyList<Finding> CheckAuthenticity(PackState pack, string? scannedLot, DateOnly? scannedExpiry)
    {
        List<Finding>? findings = null;
        if (scannedLot is not null && scannedLot != pack.Lot)
            (findings ??= []).Add(new Finding(AlertKind.LotMismatch,
                $"The label says lot {scannedLot}, but this pack was made in lot {pack.Lot}."));
        if (scannedExpiry is { } expiry && expiry != pack.Expiry)
            (findings ??= []).Add(new Finding(AlertKind.ExpiryMismatch,
                $"The label says expiry {Date(expiry)}, but this pack's lot expires {Date(pack.Expiry)}."));
        return findings ?? [];
    }

    /// <summary>What a verification reports about a genuine pack's status (it never changes custody).</summary>
    public static IReadOnlyList<Finding> Verify(PackState pack, LotState lot, DateTimeOffset now, Func<string?, string>? partyName = null)
    {
        var name = partyName ?? Gln;
        var findings = new List<Finding>();
        if (pack.Status == PackStatus.Stolen)
            findings.Add(Stolen(pack));
        else if (IsInactive(pack.Status))
            findings.Add(new Finding(AlertKind.AlreadyInactive, Inactive(pack, name)));
        if (lot.IsRecalled && IsInSupplyChain(pack.Status))
            findings.Add(RecalledFinding(lot));
        if (IsExpired(pack, now) && IsInSupplyChain(pack.Status))
            findings.Add(ExpiredFinding(pack));
        return findings;
    }

    /// <summary>Decides a handoff by <paramref name="actor"/> at <paramref name="now"/>.</summary>
    /// <paramref name="partyName"/> turns a GLN into the words used in messages (by default the GLN itself).
    public static Decision Decide(PackState pack, LotState lot, PackCommand command, Party actor, DateTimeOffset now, Func<string?, string>? partyName = null)
    {
        var name = partyName ?? Gln;
        if (!IsAllowed(actor.Role, command.Action))
            return new Decision.Refused($"A {actor.Role.ToString().ToLowerInvariant()} may not {Verb(command.Action)} packs.");
        if (pack.Status == PackStatus.Stolen)
            return Refuse(Stolen(pack));
        // A locked pack is frozen where it is (pending investigation) until its holder unlocks it;
        // anyone else trying to move it is caught by the custody checks below.
        if (pack.Status == PackStatus.Locked && command.Action != PackAction.Unlock && pack.Custodian == actor.Gln)
            return new Decision.Refused($"This pack was locked by {name(pack.ChangedBy)} on {Date(pack.ChangedAt)}; it must be unlocked first.");

        return command.Action switch
        {
            PackAction.Ship => Ship(pack, lot, command, actor, name),
            PackAction.Receive => Receive(pack, lot, actor, name),
            PackAction.Dispense => Dispense(pack, lot, actor, now, name),
            PackAction.UndoDispense => Undo(pack, lot, actor, now),
            PackAction.Decommission => Decommission(pack, command, actor, name),
            PackAction.Unlock => Unlock(pack, actor),
            _ => new Decision.Refused($"{command.Action} does not change a pack."),
        };
    }

    private static Decision Ship(PackState pack, LotState lot, PackCommand command, Party actor, Func<string?, string> name)
    {
        if (string.IsNullOrEmpty(command.To)) return new Decision.Refused("A shipment needs the GLN of the party it goes to.");
        if (command.To == actor.Gln) return new Decision.Refused("A pack cannot be shipped to its own holder.");
        if (IsInactive(pack.Status)) return Refuse(new Finding(AlertKind.AlreadyInactive, Inactive(pack, name)));
        if (pack.Custodian != actor.Gln) return Refuse(NotYours(pack, actor, name));
        if (pack.Status == PackStatus.InTransit) return new Decision.Refused($"This pack is already on its way to {name(pack.ShipTo)}.");
        if (lot.IsRecalled) return Refuse(RecalledFinding(lot));
        return new Decision.Accepted(EventType.Shipped, actor.Gln, command.To, null);
    }

    private static Decision Receive(PackState pack, LotState lot, Party actor, Func<string?, string> name)
    {
        if (IsInactive(pack.Status)) return Refuse(new Finding(AlertKind.AlreadyInactive, Inactive(pack, name)));
        if (pack.Status == PackStatus.Active && pack.Custodian == actor.Gln)
            return new Decision.Refused("This pack is already in your stock.");
        if (pack.Status != PackStatus.InTransit || pack.ShipTo != actor.Gln)
            return Refuse(new Finding(AlertKind.CustodyMismatch,
                pack.Status == PackStatus.InTransit
                    ? $"This pack was shipped to {name(pack.ShipTo)}, not to you."
                    : $"This pack was never shipped to you; it is in the stock of {name(pack.Custodian)}."));
        if (lot.IsRecalled) return Refuse(RecalledFinding(lot));
        return new Decision.Accepted(EventType.Received, pack.Custodian, actor.Gln, null);
    }

    private static Decision Dispense(PackState pack, LotState lot, Party actor, DateTimeOffset now, Func<string?, string> name)
    {
        if (IsInactive(pack.Status)) return Refuse(new Finding(AlertKind.AlreadyInactive, Inactive(pack, name)));
        if (pack.Status == PackStatus.InTransit && pack.ShipTo == actor.Gln)
            return new Decision.Refused("Receive this pack into your stock before dispensing it.");
        if (pack.Status != PackStatus.Active || pack.Custodian != actor.Gln) return Refuse(NotYours(pack, actor, name));
        if (lot.IsRecalled) return Refuse(RecalledFinding(lot));
        if (IsExpired(pack, now)) return Refuse(ExpiredFinding(pack));
        return new Decision.Accepted(EventType.Dispensed, actor.Gln, null, null);
    }

    private static Decision Undo(PackState pack, LotState lot, Party actor, DateTimeOffset now)
    {
        if (pack.Status != PackStatus.Dispensed)
            return new Decision.Refused($"Only a dispensed pack can be put back; this one is {Describe(pack.Status)}.");
        if (pack.ChangedBy != actor.Gln)
            return Refuse(new Finding(AlertKind.UndoRefused, "Only the pharmacy that dispensed this pack can undo it."));
        if (now - pack.ChangedAt > UndoWindow)
            return Refuse(new Finding(AlertKind.UndoRefused,
                $"This pack was dispensed on {Date(pack.ChangedAt)}; a dispense can only be undone within 10 days."));
        if (lot.IsRecalled) return Refuse(RecalledFinding(lot));
        if (IsExpired(pack, now)) return Refuse(ExpiredFinding(pack));
        return new Decision.Accepted(EventType.DispenseUndone, null, actor.Gln, null);
    }

    private static Decision Decommission(PackState pack, PackCommand command, Party actor, Func<string?, string> name)
    {
        if (command.Reason is not { } reason)
            return new Decision.Refused("Say why the pack is decommissioned: destroyed, stolen, sample, free-sample, exported or locked.");
        if (IsInactive(pack.Status)) return Refuse(new Finding(AlertKind.AlreadyInactive, Inactive(pack, name)));
        if (pack.Custodian != actor.Gln) return Refuse(NotYours(pack, actor, name));
        // A sender may report a pack stolen in transit; every other decommission needs the pack in hand.
        if (pack.Status == PackStatus.InTransit && reason != DecommissionReason.Stolen)
            return new Decision.Refused($"This pack is on its way to {name(pack.ShipTo)}; it can only be reported stolen.");
        return new Decision.Accepted(EventType.Decommissioned, actor.Gln, null, ReasonText(reason));
    }

    private static Decision Unlock(PackState pack, Party actor)
    {
        if (pack.Status != PackStatus.Locked)
            return new Decision.Refused($"Only a locked pack can be unlocked; this one is {Describe(pack.Status)}.");
        if (pack.ChangedBy != actor.Gln)
            return new Decision.Refused("Only the party that locked this pack can unlock it.");
        return new Decision.Accepted(EventType.Unlocked, null, actor.Gln, null);
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
            _ => throw new InvalidOperationException($"{e.Type} is not a pack event."),
        };
    }

    /// <summary>The status shown to people: a lot recall overrides every status of a pack still in the chain.</summary>
    public static string EffectiveStatus(PackState pack, LotState lot) =>
        lot.IsRecalled && IsInSupplyChain(pack.Status) ? "Recalled" : pack.Status.ToString();

    public static bool IsExpired(PackState pack, DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime) > pack.Expiry;

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

    private static bool IsInSupplyChain(PackStatus status) => status is PackStatus.Active or PackStatus.InTransit or PackStatus.Locked;

    private static bool IsInactive(PackStatus status) => !IsInSupplyChain(status);

    private static Decision.Refused Refuse(Finding finding) => new Decision.Refused(finding.Message, finding);

    private static Finding Stolen(PackState pack) =>
        new(AlertKind.StolenPack, $"This pack was reported stolen on {Date(pack.ChangedAt)}. Do not supply it; keep it aside.");

    private static Finding RecalledFinding(LotState lot) =>
        new(AlertKind.Recalled, $"Lot {lot.Lot} has been recalled{(lot.RecallReason is { Length: > 0 } r ? $": {r}" : "")}. Do not supply it.");

    private static Finding ExpiredFinding(PackState pack) =>
        new(AlertKind.Expired, $"This pack expired on {Date(pack.Expiry)}.");

    private static Finding NotYours(PackState pack, Party actor, Func<string?, string> name) =>
        new(AlertKind.CustodyMismatch, pack.Status == PackStatus.InTransit
            ? $"This pack is on its way to {name(pack.ShipTo)}; it is not in your stock."
            : $"This pack is in the stock of {name(pack.Custodian)}, not {actor.Name}.");

    private static string Inactive(PackState pack, Func<string?, string> name) =>
        $"This pack was already {Describe(pack.Status)} by {name(pack.ChangedBy)} on {pack.ChangedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.";

    private static string Describe(PackStatus status) => status switch
    {
        PackStatus.InTransit => "in transit",
        PackStatus.FreeSample => "given as a free sample",
        PackStatus.Sample => "taken as a sample",
        PackStatus.Active => "active",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Verb(PackAction action) => action switch
    {
        PackAction.UndoDispense => "undo the dispensing of",
        _ => action.ToString().ToLowerInvariant(),
    };

    private static string Gln(string? gln) => gln ?? "";

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
