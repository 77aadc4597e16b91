using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Epcis;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Epcis;

/// <summary>
/// What a captured case event decided: null when applied (or already recorded), else why not; the packs whose
/// refusal is itself a finding (their alerts are raised as a scan of the case would raise them); the case's scan to log.
/// </summary>
public sealed record CaseDecided(string? Refusal, IReadOnlyList<PackRefusal> Findings, CaseScan? Scan)
{
    public static readonly CaseDecided Applied = new(null, [], null);

    public static CaseDecided Refuse(string reason) => new(reason, [], null);
}

/// <summary>A case's ship or receive, decided by a capture, as the scan log records the scan of its SSCC.</summary>
public sealed record CaseScan(PackAction Action, string Code, ScanVerdict Verdict);

/// <summary>
/// Captured case events decided on a <see cref="LedgerDraft"/> by <see cref="CaseLifecycle"/>, with the checks the case
/// use cases make on the store (<see cref="CaseMoves"/>, <see cref="PackCaseHandler"/>, <see cref="UnpackCaseHandler"/>):
/// who may see the case, whose stock a child is in, an SSCC under the packer's company prefix, the recipient of a
/// shipment. An event the ledger already holds (the same step on the same chain at the same millisecond) is not applied twice.
/// </summary>
public sealed class CaseCapture(LedgerDraft draft, PartyDirectory parties, SsccAllocator allocator, TimeProvider clock)
{
    private readonly CaseReader _reader = new(draft, draft);

    /// <summary>Ships or receives case <paramref name="sscc"/> with everything inside, as a scan of its SSCC would.</summary>
    public async ValueTask<CaseDecided> MoveAsync(Party actor, string sscc, PackCommand command, CancellationToken ct)
    {
        var action = command.Action == PackAction.Ship ? CaseAction.Ship : CaseAction.Receive;
        var type = action == CaseAction.Ship ? EventType.Shipped : EventType.Received;
        if (command.OccurredAt is { } at && await RecordedAsync(StreamKind.Case, "", sscc, type, actor, at, ct)) return CaseDecided.Applied;
        var code = "(00)" + sscc;
        var id = CaseCodes.Read("sscc", sscc);
        if (action == CaseAction.Ship) await new RecipientCheck(parties).CheckAsync(command.To, ct);
        var found = await draft.FindCaseAsync(sscc, ct);
        // A pallet received by a party it was not shipped to is decided (for its alerts), not described.
        if (found is null || (action == CaseAction.Ship && !CaseReader.MaySee(actor, found))) return CaseDecided.Refuse(CaseReader.Unknown(id).Message);
        var contents = await _reader.ReadAsync(found, ct);
        var now = EventHasher.TruncateToMilliseconds(clock.GetUtcNow());
        switch (CaseLifecycle.Move(contents, action, command.To, actor, now, occurredAt: command.OccurredAt))
        {
            case CaseDecision.Refused refused when refused.Packs.Any(p => p.Finding is not null):
                return new CaseDecided(refused.Message, [.. refused.Packs.Where(p => p.Finding is not null)], new CaseScan(command.Action, code, ScanVerdict.Alert));
            case CaseDecision.Refused when !CaseReader.MaySee(actor, found):
                return CaseDecided.Refuse(CaseReader.Unknown(id).Message);
            case CaseDecision.Refused refused:
                return new CaseDecided(refused.Message, [], new CaseScan(command.Action, code, ScanVerdict.Refused));
            case CaseDecision.Accepted accepted:
                return await draft.TryApplyAsync(accepted.Steps, ct)
                    ? new CaseDecided(null, [], new CaseScan(command.Action, code, ScanVerdict.Ok))
                    : CaseDecided.Refuse(Changed(sscc));
            default:
                throw new InvalidOperationException("Unknown decision.");
        }
    }

    /// <summary>The case a pack inside is moved with: the outermost pallet holding it (a pack moves with its case).</summary>
    public async ValueTask<string> OutermostAsync(string sscc, CancellationToken ct)
    {
        for (var depth = 0; depth <= CaseReader.MaxDepth; depth++)
        {
            if ((await draft.FindCaseAsync(sscc, ct))?.Parent is not { } parent) return sscc;
            sscc = parent;
        }
        throw new ConflictException($"Case {sscc} is nested more than {CaseReader.MaxDepth} deep; the ledger audit will say why.");
    }

    /// <summary>Packs the children into the case: a new one (an SSCC under the actor's prefix) or one it holds.</summary>
    public async ValueTask<CaseDecided> PackAsync(Party actor, PackIntoCaseStep step, CancellationToken ct)
    {
        if (Forbidden(actor, CaseAction.Pack) is { } forbidden) return forbidden;
        var sscc = CaseCodes.Read("parentID", step.Sscc);
        if (step.Packs.Distinct().Count() != step.Packs.Count || step.Cases.Distinct(StringComparer.Ordinal).Count() != step.Cases.Count)
            return CaseDecided.Refuse("The event names a child twice.");
        // A child the same event packed before is left as it is (a replay); the others are read as a pack request reads them.
        var newPacks = new List<(string Gtin, string Serial)>(step.Packs.Count);
        foreach (var (gtin, serial) in step.Packs)
        {
            if (!await RecordedAsync(StreamKind.Pack, gtin, serial, EventType.Aggregated, actor, step.OccurredAt, ct, to: sscc.Value)) newPacks.Add((gtin, serial));
        }
        var newCases = new List<string>(step.Cases.Count);
        foreach (var inner in step.Cases)
        {
            if (!await RecordedAsync(StreamKind.Case, "", inner, EventType.Aggregated, actor, step.OccurredAt, ct, to: sscc.Value)) newCases.Add(inner);
        }
        // An unknown child or one not in the actor's stock throws; the capture refuses the event with its words.
        var (packs, cases) = await _reader.ChildrenAsync(actor, newPacks, newCases, ct);
        // Every child is in the case already: the event was applied before (a replay).
        if (packs.Count + cases.Count == 0) return CaseDecided.Applied;

        var now = EventHasher.TruncateToMilliseconds(clock.GetUtcNow());
        CaseDecision decision;
        if (await draft.FindCaseAsync(sscc.Value, ct) is { } target)
        {
            if (!CaseReader.MaySee(actor, target)) return CaseDecided.Refuse(CaseReader.Unknown(sscc).Message);
            decision = CaseLifecycle.AddTo(target, packs, cases, actor, now, step.OccurredAt);
        }
        else
        {
            var prefixes = await allocator.PrefixesAsync(actor, ct);
            if (!prefixes.Any(p => sscc.Value.AsSpan(1).StartsWith(p, StringComparison.Ordinal)))
                return CaseDecided.Refuse($"SSCC {sscc.Value} is not under your GS1 company prefix ({string.Join(", ", prefixes)}): a party packs cases under its own SSCCs.");
            decision = CaseLifecycle.Pack(sscc, packs, cases, actor, now, step.OccurredAt);
        }
        return await ApplyAsync(decision, sscc.Value, ct);
    }

    /// <summary>Unpacks the case: every pack and case directly inside it moves on its own again (DrugTrace opens a case whole).</summary>
    public async ValueTask<CaseDecided> UnpackAsync(Party actor, UnpackCaseStep step, CancellationToken ct)
    {
        if (Forbidden(actor, CaseAction.Unpack) is { } forbidden) return forbidden;
        var sscc = CaseCodes.Read("parentID", step.Sscc);
        if (await RecordedAsync(StreamKind.Case, "", sscc.Value, EventType.CaseUnpacked, actor, step.OccurredAt, ct)) return CaseDecided.Applied;
        var found = await draft.FindCaseAsync(sscc.Value, ct);
        if (found is null || !CaseReader.MaySee(actor, found)) return CaseDecided.Refuse(CaseReader.Unknown(sscc).Message);
        var contents = await _reader.ReadAsync(found, ct);
        foreach (var (gtin, serial) in step.Packs)
        {
            if (!contents.Packs.Any(p => p.Pack.Gtin == gtin && p.Pack.Serial == serial))
                return CaseDecided.Refuse($"Pack {gtin}/{serial} is not in case (00) {sscc.Value}; nothing was unpacked.");
        }
        foreach (var inner in step.Cases)
        {
            if (!contents.Cases.Any(c => c.Case.Sscc == inner))
                return CaseDecided.Refuse($"Case (00) {inner} is not in case (00) {sscc.Value}; nothing was unpacked.");
        }
        var now = EventHasher.TruncateToMilliseconds(clock.GetUtcNow());
        return await ApplyAsync(CaseLifecycle.Unpack(contents, actor, now, step.OccurredAt), sscc.Value, ct);
    }

    private async ValueTask<CaseDecided> ApplyAsync(CaseDecision decision, string sscc, CancellationToken ct) => decision switch
    {
        CaseDecision.Refused refused => CaseDecided.Refuse(refused.Message),
        CaseDecision.Accepted accepted => await draft.TryApplyAsync(accepted.Steps, ct) ? CaseDecided.Applied : CaseDecided.Refuse(Changed(sscc)),
        _ => throw new InvalidOperationException("Unknown decision."),
    };

    // The role check the case use cases make before anything else (RoleMatrix rows of PackCase and UnpackCase).
    private static CaseDecided? Forbidden(Party actor, CaseAction action) => CaseLifecycle.IsAllowed(actor.Role, action)
        ? null
        : CaseDecided.Refuse($"A {actor.Role.ToString().ToLowerInvariant()} may not {action.ToString().ToLowerInvariant()} cases.");

    private static string Changed(string sscc) => $"Case (00) {sscc} or a pack in it changed while this document was decided; capture it again.";

    // The same event captured again: its chain holds the same step by the same party at the same millisecond (and case).
    private async ValueTask<bool> RecordedAsync(StreamKind stream, string gtin, string key, EventType type, Party actor, DateTimeOffset at, CancellationToken ct,
        string? to = null)
    {
        if (stream == StreamKind.Pack ? await draft.FindPackAsync(gtin, key, ct) is null : await draft.FindCaseAsync(key, ct) is null) return false;
        var when = EventHasher.TruncateToMilliseconds(at);
        var chain = await draft.GetChainAsync(stream, gtin, key, ct);
        return chain.Any(s => s.Event.Type == type && s.Event.Actor == actor.Gln && EventHasher.TruncateToMilliseconds(s.Event.OccurredAt) == when
            && (to is null || s.Event.To == to));
    }
}
