using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Ledger;

/// <summary>
/// Re-folds a chain through the lifecycle rules: every pack event must be what
/// <see cref="PackLifecycle.Decide"/> would have accepted from the state before it, by that
/// actor, at that time, with the lot as it stood then; the fold must equal the stored state,
/// field by field. A chain that links perfectly but tells an impossible story (a pack
/// dispensed twice, received by a party it was never shipped to) is found here.
/// </summary>
public static class ChainReplay
{
    /// <summary>The lot's state after each of its events, in log order: what a pack event at a log index saw.</summary>
    public sealed class LotTimeline
    {
        private readonly List<(long LogIndex, LotState State)> _states = [];

        public void Add(long logIndex, LotState state) => _states.Add((logIndex, state));

        /// <summary>The lot as it stood just before log index <paramref name="logIndex"/>.</summary>
        public LotState? Before(long logIndex)
        {
            LotState? result = null;
            foreach (var (index, state) in _states)
            {
                if (index >= logIndex) break;
                result = state;
            }
            return result;
        }

        public LotState? Last => _states.Count == 0 ? null : _states[^1].State;
    }

    /// <summary>Folds a lot event into the lot's state (null before registration).</summary>
    public static LotState ApplyLot(LotState? state, LedgerEvent e) => e.Type switch
    {
        EventType.LotRegistered when state is null => new LotState(e.Gtin, e.Key, e.Expiry ?? default, e.Actor, new ChainHead(e.Seq, e.Hash)),
        EventType.LotRecalled when state is not null => state with { Head = new ChainHead(e.Seq, e.Hash), RecalledAt = e.OccurredAt, RecallReason = e.Reason },
        _ => throw new InvalidOperationException($"{e.Type} cannot follow {(state is null ? "nothing" : "a registered lot")}."),
    };

    /// <summary>Replays a lot's chain and compares the fold with the stored lot.</summary>
    public static IReadOnlyList<AuditViolation> ReplayLot(IReadOnlyList<(long LogIndex, LedgerEvent Event)> chain, LotState? stored, LotTimeline? timeline = null)
    {
        var violations = new List<AuditViolation>();
        LotState? state = null;
        foreach (var (index, e) in chain)
        {
            try
            {
                state = ApplyLot(state, e);
                timeline?.Add(index, state);
            }
            catch (InvalidOperationException ex)
            {
                violations.Add(new AuditViolation(StreamKind.Lot, e.Gtin, e.Key, e.Seq, index, $"not a legal lot event: {ex.Message}"));
                return violations;
            }
            if (e.Seq == 0 && e.Lot is { } lot && lot != e.Key)
                violations.Add(new AuditViolation(StreamKind.Lot, e.Gtin, e.Key, e.Seq, index, $"field lot: the registration names lot {lot}"));
        }
        if (state is null || stored is null) return violations;
        var last = chain[^1];
        void Compare<T>(string field, T derived, T actual)
        {
            if (!EqualityComparer<T>.Default.Equals(derived, actual))
                violations.Add(new AuditViolation(StreamKind.Lot, stored.Gtin, stored.Lot, last.Event.Seq, last.LogIndex,
                    $"field {field}: the chain says {Show(derived)}, the stored lot says {Show(actual)}"));
        }
        Compare("expiry", state.Expiry, stored.Expiry);
        Compare("manufacturer", state.Manufacturer, stored.Manufacturer);
        Compare("head", state.Head, stored.Head);
        Compare("recalledAt", state.RecalledAt, stored.RecalledAt);
        return violations;
    }

    /// <summary>
    /// Replays a pack's chain. <paramref name="party"/> finds the acting party (role) by GLN;
    /// <paramref name="lot"/> is the pack's lot timeline; <paramref name="stored"/> the stored state row.
    /// </summary>
    public static IReadOnlyList<AuditViolation> ReplayPack(
        IReadOnlyList<(long LogIndex, LedgerEvent Event)> chain, PackState? stored, Func<string, Party?> party, LotTimeline? lot)
    {
        var violations = new List<AuditViolation>();
        PackState? state = null;
        // A for loop and no delegate of Report: the audit replays a million chains, and each allocation here is a million.
        for (var i = 0; i < chain.Count; i++)
        {
            var (index, e) = chain[i];
            void Report(string problem) => violations.Add(PackViolation(e, index, problem));
            var actor = party(e.Actor);
            if (actor is null)
            {
                Report($"field actor: {e.Actor} is no known party");
                return violations;
            }
            if (e.Type == EventType.Commissioned)
            {
                if (state is not null) { Report("not a legal transition: a pack is commissioned once"); return violations; }
                var lotThen = lot?.Before(index);
                if (actor.Role != PartyRole.Manufacturer) Report($"field actor: {e.Actor} is a {actor.Role}, not a manufacturer");
                if (lotThen is null) Report($"field lot: lot {e.Lot} was not registered before the pack was commissioned");
                else
                {
                    if (lotThen.Manufacturer != e.Actor) Report($"field actor: {e.Actor} did not register lot {lotThen.Lot}");
                    if (e.Lot != lotThen.Lot) Report($"field lot: the pack names lot {e.Lot}, its lot chain is {lotThen.Lot}");
                    if (e.Expiry != lotThen.Expiry) Report($"field expiry: the pack says {e.Expiry}, its lot {lotThen.Expiry}");
                }
            }
            else
            {
                if (state is null) { Report("not a legal transition: the chain does not start with a commissioning"); return violations; }
                if (e.Type is EventType.Aggregated or EventType.Disaggregated)
                {
                    if (AggregationProblem(state, e, lot?.Before(index)) is { } problem) Report($"not a legal transition: {problem}");
                }
                else if (Command(e) is not { } command) { Report($"field type: {e.Type} is not a pack event"); return violations; }
                else ReplayHandoff(state, e, index, command, actor, lot?.Before(index), violations);
            }
            try
            {
                state = PackLifecycle.Apply(state, e);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                Report($"not a legal transition: {ex.Message}");
                return violations;
            }
        }
        if (state is null || stored is null) return violations;
        var (lastIndex, lastEvent) = chain[^1];
        void Compare<T>(string field, T derived, T actual)
        {
            if (!EqualityComparer<T>.Default.Equals(derived, actual))
                violations.Add(new AuditViolation(StreamKind.Pack, stored.Gtin, stored.Serial, lastEvent.Seq, lastIndex,
                    $"field {field}: the chain says {Show(derived)}, the stored state says {Show(actual)}"));
        }
        Compare("status", state.Status, stored.Status);
        Compare("custodian", state.Custodian, stored.Custodian);
        Compare("shipTo", state.ShipTo, stored.ShipTo);
        Compare("lot", state.Lot, stored.Lot);
        Compare("expiry", state.Expiry, stored.Expiry);
        Compare("head", state.Head, stored.Head);
        Compare("heldFrom", state.HeldFrom, stored.HeldFrom);
        Compare("parent", state.Parent, stored.Parent);
        return violations;
    }

    private static AuditViolation PackViolation(LedgerEvent e, long index, string problem) =>
        new(StreamKind.Pack, e.Gtin, e.Key, e.Seq, index, problem);

    private static void ReplayHandoff(PackState state, LedgerEvent e, long index, PackCommand command, Party actor, LotState? lot, List<AuditViolation> violations)
    {
        void Report(string problem) => violations.Add(PackViolation(e, index, problem));
        var lotThen = lot ?? new LotState(state.Gtin, state.Lot, state.Expiry, "", default);
        switch (PackLifecycle.Decide(state, lotThen, command, actor, e.OccurredAt))
        {
            case Decision.Refused refused:
                Report($"not a legal transition from {PackLifecycle.DescribeStatus(state.Status)} by {e.Actor}: {refused.Message}");
                break;
            case Decision.Accepted accepted:
                if (accepted.Type != e.Type) Report($"field type: the rules make this a {accepted.Type}, the event says {e.Type}");
                if (accepted.From != e.From) Report($"field from: the rules give {Show(accepted.From)}, the event says {Show(e.From)}");
                if (accepted.To != e.To) Report($"field to: the rules give {Show(accepted.To)}, the event says {Show(e.To)}");
                if (accepted.Reason != e.Reason) Report($"field reason: the rules give {Show(accepted.Reason)}, the event says {Show(e.Reason)}");
                break;
        }
    }

    // Packing and unpacking are decided by CaseLifecycle over a whole case; the pack's own side of it is checked here.
    private static string? AggregationProblem(PackState state, LedgerEvent e, LotState? lot)
    {
        if (e.Type == EventType.Aggregated)
        {
            if (!Sscc.TryParse(e.To, out _, out var error)) return $"packed into no valid case: {error}";
            return CaseLifecycle.CanAggregate(state, lot, e.Actor) is { } why ? $"pack could not be packed by {e.Actor}: {why}" : null;
        }
        if (state.Parent is null || state.Parent != e.From) return $"unpacked from case {Show(e.From)}, but it is packed in {Show(state.Parent)}";
        return state.Custodian != e.Actor ? $"unpacked by {e.Actor}, who does not hold it" : null;
    }

    /// <summary>
    /// Replays a case's chain: each event must be what <see cref="CaseLifecycle"/> allows from the state before it
    /// (a case inside a pallet moves only with the pallet its event names), and the fold must equal the stored case.
    /// </summary>
    public static IReadOnlyList<AuditViolation> ReplayCase(IReadOnlyList<(long LogIndex, LedgerEvent Event)> chain, CaseState? stored, Func<string, Party?> party)
    {
        var violations = new List<AuditViolation>();
        CaseState? state = null;
        foreach (var (index, e) in chain)
        {
            void Report(string problem) => violations.Add(new AuditViolation(StreamKind.Case, e.Gtin, e.Key, e.Seq, index, problem));
            if (party(e.Actor) is not { } actor)
            {
                Report($"field actor: {e.Actor} is no known party");
                return violations;
            }
            if (e.Type == EventType.CasePacked)
            {
                if (state is not null) { Report("not a legal transition: a case is packed once"); return violations; }
                if (!CaseLifecycle.IsAllowed(actor.Role, CaseAction.Pack)) Report($"field actor: a {actor.Role} may not pack cases");
                if (!Sscc.TryParse(e.Key, out _, out var error)) Report($"field sscc: {error}");
            }
            else
            {
                if (state is null) { Report("not a legal transition: the chain does not start with the case's packing"); return violations; }
                if (CaseLifecycle.ActionOf(e.Type) is not { } action) { Report($"field type: {e.Type} is not a case event"); return violations; }
                var problem = e.Type switch
                {
                    EventType.Aggregated => CaseLifecycle.CanAggregate(state, e.Actor),
                    EventType.Disaggregated => state.Parent is null || state.Parent != e.From
                        ? $"taken out of pallet {Show(e.From)}, but it is packed in {Show(state.Parent)}"
                        : state.Custodian != e.Actor ? $"unpacked by {e.Actor}, who does not hold it" : null,
                    _ => CaseLifecycle.Check(state, action, e.Actor, e.To, e.Reason)
                        ?? (e.Reason != state.Parent ? $"field reason: the case is packed in {Show(state.Parent)}, the event says {Show(e.Reason)}" : null),
                };
                if (problem is not null) Report($"not a legal transition by {e.Actor}: {problem}");
                else if (e.Type is EventType.Shipped or EventType.Received && !CaseLifecycle.IsAllowed(actor.Role, action))
                    Report($"field actor: a {actor.Role} may not {action.ToString().ToLowerInvariant()} cases");
            }
            try
            {
                state = CaseLifecycle.Apply(state, e);
            }
            // An edited stream makes Apply refuse the event as another stream's (ArgumentException): a finding, as for a pack.
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
            {
                Report($"not a legal transition: {ex.Message}");
                return violations;
            }
        }
        if (state is null || stored is null) return violations;
        var (lastIndex, lastEvent) = chain[^1];
        void Compare<T>(string field, T derived, T actual)
        {
            if (!EqualityComparer<T>.Default.Equals(derived, actual))
                violations.Add(new AuditViolation(StreamKind.Case, "", stored.Sscc, lastEvent.Seq, lastIndex,
                    $"field {field}: the chain says {Show(derived)}, the stored case says {Show(actual)}"));
        }
        Compare("status", state.Status, stored.Status);
        Compare("custodian", state.Custodian, stored.Custodian);
        Compare("shipTo", state.ShipTo, stored.ShipTo);
        Compare("parent", state.Parent, stored.Parent);
        Compare("head", state.Head, stored.Head);
        return violations;
    }

    /// <summary>The command that would have produced the event.</summary>
    private static PackCommand? Command(LedgerEvent e) => e.Type switch
    {
        EventType.Shipped => new PackCommand(PackAction.Ship, To: e.To, Case: e.Reason),
        EventType.Received => new PackCommand(PackAction.Receive, Case: e.Reason),
        EventType.Dispensed => new PackCommand(PackAction.Dispense),
        EventType.DispenseUndone => new PackCommand(PackAction.UndoDispense),
        EventType.Decommissioned => new PackCommand(PackAction.Decommission,
            Reason: PackLifecycle.TryParseReason(e.Reason, out var r) ? r : null),
        EventType.Unlocked => new PackCommand(PackAction.Unlock),
        EventType.Quarantined => new PackCommand(PackAction.Quarantine, Note: e.Reason),
        EventType.Released => new PackCommand(PackAction.Release, Note: e.Reason),
        EventType.ConfirmedIllegitimate => new PackCommand(PackAction.ConfirmIllegitimate, Note: e.Reason),
        _ => null,
    };

    private static string Show<T>(T value) => value switch
    {
        null => "none",
        ChainHead h => $"seq {h.Seq} ({h.Hash.ToHex()[..12]}...)",
        DateTimeOffset t => t.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "none",
    };
}
