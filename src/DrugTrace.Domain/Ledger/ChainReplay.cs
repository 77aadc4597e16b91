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
        foreach (var (index, e) in chain)
        {
            void Report(string problem) => violations.Add(new AuditViolation(StreamKind.Pack, e.Gtin, e.Key, e.Seq, index, problem));
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
                if (Command(e) is not { } command) { Report($"field type: {e.Type} is not a pack event"); return violations; }
                var lotThen = lot?.Before(index) ?? new LotState(state.Gtin, state.Lot, state.Expiry, "", default);
                var decision = PackLifecycle.Decide(state, lotThen, command, actor, e.OccurredAt);
                switch (decision)
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
            try
            {
                state = PackLifecycle.Apply(state, e);
            }
            catch (InvalidOperationException ex)
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
        return violations;
    }

    /// <summary>The command that would have produced the event.</summary>
    private static PackCommand? Command(LedgerEvent e) => e.Type switch
    {
        EventType.Shipped => new PackCommand(PackAction.Ship, To: e.To),
        EventType.Received => new PackCommand(PackAction.Receive),
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
