using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Cases;

/// <summary>
/// Cases and pallets (SSCC aggregation) as pure functions of (state, command, now). Packing gives the
/// case its own chain (CasePacked) and every pack or case put in it an Aggregated event; unpacking gives
/// each direct child a Disaggregated event and the case CaseUnpacked; shipping or receiving a case gives
/// the case, every case inside and every pack inside, however deep, its own Shipped or Received event,
/// each pack's decided by <see cref="PackLifecycle.Decide"/> like a pack scanned on its own. One pack
/// that may not move stops the whole case: all or nothing.
/// </summary>
public static class CaseLifecycle
{
    /// <summary>Which roles may ask for a case operation at all (custody is checked per case).</summary>
    public static bool IsAllowed(PartyRole role, CaseAction action) => action switch
    {
        CaseAction.Pack or CaseAction.Ship => role is PartyRole.Manufacturer or PartyRole.Wholesaler,
        CaseAction.Receive => role is PartyRole.Wholesaler or PartyRole.Pharmacy,
        CaseAction.Unpack => role is not PartyRole.Regulator,
        _ => false,
    };

    /// <summary>Packs <paramref name="packs"/> and <paramref name="cases"/>, all held by <paramref name="actor"/>, into a new case <paramref name="sscc"/>.</summary>
    /// <paramref name="occurredAt"/> is when the packing happened, if it reaches the ledger later (an EPCIS capture).
    public static CaseDecision Pack(Sscc sscc, IReadOnlyList<PackInCase> packs, IReadOnlyList<CaseState> cases, Party actor, DateTimeOffset now,
        DateTimeOffset? occurredAt = null)
    {
        if (ChildrenProblem(sscc.Value, packs, cases, actor) is { } refused) return refused;
        var created = EventHasher.Seal(new LedgerEvent
        {
            Stream = StreamKind.Case,
            Gtin = "",
            Key = sscc.Value,
            Seq = 0,
            Type = EventType.CasePacked,
            Actor = actor.Gln,
            OccurredAt = occurredAt is { } at ? EventHasher.TruncateToMilliseconds(at) : now,
            RecordedAt = now,
            PrevHash = Hash256.Zero,
        });
        var steps = new List<CaseStep>(1 + packs.Count + cases.Count) { new CaseStep.OfCase(created, Apply(null, created), IsNew: true) };
        AddChildren(steps, sscc.Value, packs, cases, actor, now, occurredAt);
        return new CaseDecision.Accepted(steps);
    }

    /// <summary>
    /// Packs more packs or cases into case <paramref name="target"/>, one the actor holds, packed and not on its way
    /// (an EPCIS AggregationEvent ADD to a case that exists): each child gets its Aggregated event; the case's own
    /// chain does not change.
    /// </summary>
    public static CaseDecision AddTo(CaseState target, IReadOnlyList<PackInCase> packs, IReadOnlyList<CaseState> cases, Party actor, DateTimeOffset now,
        DateTimeOffset? occurredAt = null)
    {
        if (ChildrenProblem(target.Sscc, packs, cases, actor) is { } refused) return refused;
        if (Check(target, CaseAction.Pack, actor.Gln, null) is { } why) return new CaseDecision.Refused(why);
        var steps = new List<CaseStep>(packs.Count + cases.Count);
        AddChildren(steps, target.Sscc, packs, cases, actor, now, occurredAt);
        return new CaseDecision.Accepted(steps);
    }

    private static CaseDecision.Refused? ChildrenProblem(string sscc, IReadOnlyList<PackInCase> packs, IReadOnlyList<CaseState> cases, Party actor)
    {
        if (!IsAllowed(actor.Role, CaseAction.Pack))
            return new CaseDecision.Refused($"A {Role(actor)} may not pack cases.");
        if (packs.Count + cases.Count == 0)
            return new CaseDecision.Refused("A case needs at least one pack or case to hold.");
        var refusals = new List<PackRefusal>();
        foreach (var (pack, lot) in packs)
        {
            if (CanAggregate(pack, lot, actor.Gln) is { } why) refusals.Add(new PackRefusal(pack, why, null));
        }
        if (refusals.Count > 0) return (CaseDecision.Refused)Refuse("packed", refusals);
        foreach (var c in cases)
        {
            if (c.Sscc == sscc) return new CaseDecision.Refused("A case cannot be packed into itself.");
            if (CanAggregate(c, actor.Gln) is { } why) return new CaseDecision.Refused($"Case (00) {c.Sscc}: {why}");
        }
        return null;
    }

    private static void AddChildren(List<CaseStep> steps, string sscc, IReadOnlyList<PackInCase> packs, IReadOnlyList<CaseState> cases, Party actor,
        DateTimeOffset now, DateTimeOffset? occurredAt)
    {
        foreach (var (pack, lot) in packs)
        {
            var e = LedgerEvents.Next(pack.Head, StreamKind.Pack, pack.Gtin, pack.Serial, EventType.Aggregated, actor.Gln, now, to: sscc, occurredAt: occurredAt);
            steps.Add(new CaseStep.OfPack(e, PackLifecycle.Apply(pack, e), lot.Head));
        }
        foreach (var c in cases)
        {
            var e = LedgerEvents.Next(c.Head, StreamKind.Case, "", c.Sscc, EventType.Aggregated, actor.Gln, now, to: sscc, occurredAt: occurredAt);
            steps.Add(new CaseStep.OfCase(e, Apply(c, e), IsNew: false));
        }
    }

    /// <summary>Opens a case: each pack and case directly inside it is taken out, and the case is done with.</summary>
    /// <paramref name="occurredAt"/> is when the unpacking happened, if it reaches the ledger later (an EPCIS capture).
    public static CaseDecision Unpack(CaseContents contents, Party actor, DateTimeOffset now, DateTimeOffset? occurredAt = null)
    {
        var root = contents.Case;
        if (!IsAllowed(actor.Role, CaseAction.Unpack))
            return new CaseDecision.Refused($"A {Role(actor)} may not unpack cases.");
        if (Check(root, CaseAction.Unpack, actor.Gln, null) is { } why) return new CaseDecision.Refused(why);
        var steps = new List<CaseStep>(contents.Packs.Count + contents.Cases.Count + 1);
        foreach (var (pack, lot) in contents.Packs)
        {
            var e = LedgerEvents.Next(pack.Head, StreamKind.Pack, pack.Gtin, pack.Serial, EventType.Disaggregated, actor.Gln, now, from: root.Sscc, occurredAt: occurredAt);
            steps.Add(new CaseStep.OfPack(e, PackLifecycle.Apply(pack, e), lot.Head));
        }
        foreach (var inner in contents.Cases)
        {
            var e = LedgerEvents.Next(inner.Case.Head, StreamKind.Case, "", inner.Case.Sscc, EventType.Disaggregated, actor.Gln, now, from: root.Sscc, occurredAt: occurredAt);
            steps.Add(new CaseStep.OfCase(e, Apply(inner.Case, e), IsNew: false));
        }
        var unpacked = LedgerEvents.Next(root.Head, StreamKind.Case, "", root.Sscc, EventType.CaseUnpacked, actor.Gln, now, occurredAt: occurredAt);
        steps.Add(new CaseStep.OfCase(unpacked, Apply(root, unpacked), IsNew: false));
        return new CaseDecision.Accepted(steps);
    }

    /// <summary>
    /// Ships (<paramref name="to"/> = the recipient's GLN) or receives a case with everything inside it. Each
    /// pack is decided as if it were scanned alone, with its own case named; any refusal refuses the whole case.
    /// </summary>
    /// <paramref name="occurredAt"/> is when the scan was made, if it reaches the ledger later (an offline queue).
    public static CaseDecision Move(CaseContents contents, CaseAction action, string? to, Party actor, DateTimeOffset now,
        Func<string?, string>? partyName = null, DateTimeOffset? occurredAt = null)
    {
        if (action is not (CaseAction.Ship or CaseAction.Receive)) throw new ArgumentOutOfRangeException(nameof(action), action, "Only ship and receive move a case.");
        if (!IsAllowed(actor.Role, action))
            return new CaseDecision.Refused($"A {Role(actor)} may not {Verb(action)} cases.");
        var steps = new List<CaseStep>(contents.PackCount + contents.CaseCount + 1);
        var refusals = new List<PackRefusal>();
        foreach (var c in contents.AllCases())
        {
            var state = c.Case;
            // The outer case must be free to move; a case inside it moves with its pallet, named on its event.
            var pallet = c == contents ? null : state.Parent;
            if (Check(state, action, actor.Gln, to, pallet) is { } why)
                return c == contents && action == CaseAction.Receive && IsMisdirectedReceipt(state, actor.Gln)
                    ? new CaseDecision.Refused(why, Suspicious(contents, actor, now, partyName, occurredAt))
                    : new CaseDecision.Refused(why);
            var e = action == CaseAction.Ship
                ? LedgerEvents.Next(state.Head, StreamKind.Case, "", state.Sscc, EventType.Shipped, actor.Gln, now, from: actor.Gln, to: to, reason: pallet, occurredAt: occurredAt)
                : LedgerEvents.Next(state.Head, StreamKind.Case, "", state.Sscc, EventType.Received, actor.Gln, now, from: state.Custodian, to: actor.Gln, reason: pallet, occurredAt: occurredAt);
            steps.Add(new CaseStep.OfCase(e, Apply(state, e), IsNew: false));
            foreach (var (pack, lot) in c.Packs)
            {
                var command = new PackCommand(action == CaseAction.Ship ? PackAction.Ship : PackAction.Receive, To: to, OccurredAt: occurredAt, Case: state.Sscc);
                switch (PackLifecycle.Decide(pack, lot, command, actor, now, partyName))
                {
                    case Decision.Accepted accepted:
                        var pe = LedgerEvents.Next(pack.Head, StreamKind.Pack, pack.Gtin, pack.Serial, accepted.Type, actor.Gln, now,
                            accepted.From, accepted.To, accepted.Reason, occurredAt);
                        steps.Add(new CaseStep.OfPack(pe, PackLifecycle.Apply(pack, pe), lot.Head));
                        break;
                    case Decision.Refused refused:
                        refusals.Add(new PackRefusal(pack, refused.Message, refused.Finding));
                        break;
                }
            }
        }
        return refusals.Count > 0 ? Refuse(Participle(action), refusals) : new CaseDecision.Accepted(steps);
    }

    /// <summary>A receipt by a party the case is not on its way to (not a repeat of its own receipt).</summary>
    private static bool IsMisdirectedReceipt(CaseState state, string actor) =>
        state.Status != CaseStatus.Unpacked && state.Parent is null && !(state.Custodian == actor && state.Status == CaseStatus.Active)
        && (state.Status != CaseStatus.InTransit || state.ShipTo != actor);

    /// <summary>
    /// A pallet received by a party it was not shipped to is a sign of diversion, as each of its packs would be if
    /// scanned alone: every pack's own refusal, with its finding (custody mismatch), so that the alerts are raised.
    /// </summary>
    private static IReadOnlyList<PackRefusal> Suspicious(CaseContents contents, Party actor, DateTimeOffset now, Func<string?, string>? partyName, DateTimeOffset? occurredAt)
    {
        var refusals = new List<PackRefusal>();
        foreach (var c in contents.AllCases())
            foreach (var (pack, lot) in c.Packs)
                if (PackLifecycle.Decide(pack, lot, new PackCommand(PackAction.Receive, OccurredAt: occurredAt, Case: c.Case.Sscc), actor, now, partyName) is Decision.Refused { Finding: not null } refused)
                    refusals.Add(new PackRefusal(pack, refused.Message, refused.Finding));
        return refusals;
    }

    /// <summary>
    /// What stops a case operation on <paramref name="state"/> by <paramref name="actor"/>, or null: the one
    /// rule for deciding and for the audit's replay. Worded without naming the holder. <paramref name="withPallet"/>
    /// is the pallet a case inside one is shipped or received with.
    /// </summary>
    public static string? Check(CaseState state, CaseAction action, string actor, string? to, string? withPallet = null)
    {
        var holder = state.Custodian == actor;
        if (state.Status == CaseStatus.Unpacked)
            return $"Case (00) {state.Sscc} was unpacked on {state.ChangedAt.UtcDateTime:yyyy-MM-dd}; its packs move on their own now.";
        var movesWithPallet = withPallet is not null && withPallet == state.Parent && action is CaseAction.Ship or CaseAction.Receive;
        if (state.Parent is { } parent && action != CaseAction.Pack && !movesWithPallet)
            return action == CaseAction.Unpack
                ? $"Case (00) {state.Sscc} is packed in pallet (00) {parent}; unpack the pallet first."
                : $"Case (00) {state.Sscc} is packed in pallet (00) {parent}; {Verb(action)} the pallet, or unpack it first.";
        return action switch
        {
            CaseAction.Receive when holder && state.Status == CaseStatus.Active => "This case is already in your stock.",
            CaseAction.Receive when state.Status != CaseStatus.InTransit || state.ShipTo != actor => "This case was not shipped to you.",
            _ when action != CaseAction.Receive && !holder => $"Only the holder of case (00) {state.Sscc} can {Verb(action)} it.",
            _ when action != CaseAction.Receive && state.Status == CaseStatus.InTransit => $"Case (00) {state.Sscc} is on its way to another party.",
            CaseAction.Ship when string.IsNullOrEmpty(to) => "A shipment needs the GLN of the party it goes to.",
            CaseAction.Ship when to == actor => "A case cannot be shipped to its own holder.",
            _ => null,
        };
    }

    /// <summary>What stops <paramref name="actor"/> packing this pack into a case, or null.</summary>
    public static string? CanAggregate(PackState pack, LotState? lot, string actor)
    {
        if (pack.Parent is { } parent) return $"it is already packed in case (00) {parent}.";
        if (pack.Custodian != actor) return "it is not in your stock.";
        if (pack.Status != PackStatus.Active) return $"it is {PackLifecycle.DescribeStatus(pack.Status)}; only an active pack in your stock can be packed.";
        if (lot?.IsRecalled == true) return "its lot is recalled.";
        return null;
    }

    /// <summary>What stops <paramref name="actor"/> packing this case into a pallet, or null.</summary>
    public static string? CanAggregate(CaseState c, string actor)
    {
        if (c.Status == CaseStatus.Unpacked) return "it was unpacked.";
        if (c.Parent is { } parent) return $"it is already packed in pallet (00) {parent}.";
        if (c.Custodian != actor) return "it is not in your stock.";
        if (c.Status != CaseStatus.Active) return "it is on its way to another party.";
        return null;
    }

    /// <summary>Folds one event into a case's state; <paramref name="state"/> is null before the case is packed.</summary>
    public static CaseState Apply(CaseState? state, LedgerEvent e)
    {
        if (e.Stream != StreamKind.Case) throw new ArgumentException("Only case events change a case.", nameof(e));
        var head = new ChainHead(e.Seq, e.Hash);
        if (e.Type == EventType.CasePacked)
        {
            if (state is not null) throw new InvalidOperationException($"Case {e.Key} is already packed.");
            return new CaseState
            {
                Sscc = e.Key, Status = CaseStatus.Active, Custodian = e.Actor, PackedBy = e.Actor, PackedAt = e.OccurredAt,
                ChangedBy = e.Actor, ChangedAt = e.OccurredAt, Head = head,
            };
        }
        if (state is null) throw new InvalidOperationException($"Case {e.Key} has no packing event.");
        var next = state with { Head = head, ChangedBy = e.Actor, ChangedAt = e.OccurredAt };
        return e.Type switch
        {
            EventType.Shipped => next with { Status = CaseStatus.InTransit, ShipTo = e.To },
            EventType.Received => next with { Status = CaseStatus.Active, Custodian = e.Actor, ShipTo = null },
            EventType.Aggregated => next with { Parent = e.To ?? throw new InvalidOperationException($"Case {e.Key} is packed into no pallet.") },
            EventType.Disaggregated => next with { Parent = null },
            EventType.CaseUnpacked => next with { Status = CaseStatus.Unpacked },
            _ => throw new InvalidOperationException($"{e.Type} is not a case event."),
        };
    }

    /// <summary>The case operation that would have produced a case event (null for its first one).</summary>
    public static CaseAction? ActionOf(EventType type) => type switch
    {
        EventType.Shipped => CaseAction.Ship,
        EventType.Received => CaseAction.Receive,
        EventType.Aggregated => CaseAction.Pack,
        EventType.Disaggregated or EventType.CaseUnpacked => CaseAction.Unpack,
        _ => null,
    };

    private static CaseDecision Refuse(string participle, IReadOnlyList<PackRefusal> refusals)
    {
        var first = refusals[0];
        var more = refusals.Count > 1 ? $" ({refusals.Count} packs cannot be {participle}; the first is named)" : "";
        return new CaseDecision.Refused(
            $"Nothing was {participle}: pack {first.Pack.Gtin}/{first.Pack.Serial} cannot be {participle}{more}: {Lower(first.Message)}", refusals);
    }

    private static string Lower(string message) => message.Length > 0 && char.IsUpper(message[0]) && !message.StartsWith("A ", StringComparison.Ordinal)
        ? char.ToLowerInvariant(message[0]) + message[1..] : message;

    private static string Role(Party actor) => actor.Role.ToString().ToLowerInvariant();

    private static string Verb(CaseAction action) => action.ToString().ToLowerInvariant();

    private static string Participle(CaseAction action) => action switch
    {
        CaseAction.Ship => "shipped",
        CaseAction.Receive => "received",
        CaseAction.Unpack => "unpacked",
        _ => "packed",
    };
}
