using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DrugTrace.Application.Cases;

/// <summary>
/// A scanned SSCC with ship or receive: the case, every case inside it and every pack inside, however deep,
/// each get their own event, in one transaction (all or none). Each pack is decided as if scanned alone
/// (a recalled or stolen pack stops the pallet, and raises its alert as it would alone).
/// </summary>
public sealed class CaseMoves(
    ILedgerStore ledger, ICatalogStore catalog, CaseReader reader, PartyDirectory parties, AlertRaiser alerts, IScanLog scanLog, TimeProvider clock,
    ILogger<CaseMoves>? logger = null)
{
    /// <summary>Alerts raised for one refused pallet at most: the rest are counted in the message.</summary>
    public const int MaxAlertsPerCase = 20;

    private readonly ILogger _logger = logger ?? NullLogger<CaseMoves>.Instance;

    public async ValueTask<ScanOutcome> MoveAsync(Party actor, string code, Sscc sscc, PackAction action, string? to, DateTimeOffset? scannedAt, CancellationToken ct)
    {
        var caseAction = action switch
        {
            PackAction.Ship => CaseAction.Ship,
            PackAction.Receive => CaseAction.Receive,
            _ => throw new ValidationException("code", $"This code is the SSCC of a case or pallet ({sscc.Value}); a case can be shipped or received. Unpack it to {PackHandoffs.ActionName(action)} its packs."),
        };
        if (action == PackAction.Ship) await new RecipientCheck(parties).CheckAsync(to, ct);
        var outcome = await LostRaceRetry.RunAsync(() => TryOnceAsync(actor, code, sscc, caseAction, to, scannedAt, ct));
        await RecordAsync(new ScanRecord(clock.GetUtcNow(), actor.Gln, action, code, null, null, outcome.Verdict.Name,
            outcome.Alerts.Count == 0 ? null : string.Join(',', outcome.Alerts.Select(a => a.Kind).Distinct())));
        return outcome;
    }

    private async ValueTask<ScanOutcome?> TryOnceAsync(
        Party actor, string code, Sscc sscc, CaseAction action, string? to, DateTimeOffset? scannedAt, CancellationToken ct)
    {
        var found = action == CaseAction.Receive ? await reader.FindForReceiptAsync(sscc, ct) : await reader.FindVisibleAsync(actor, sscc, ct);
        var maySee = CaseReader.MaySee(actor, found);
        var contents = await reader.ReadAsync(found, ct);
        var now = EventHasher.TruncateToMilliseconds(clock.GetUtcNow());
        var names = await NamesAsync(contents, to, ct);
        switch (CaseLifecycle.Move(contents, action, to, actor, now, names.Describe, scannedAt))
        {
            case CaseDecision.Refused refused when refused.Packs.Any(p => p.Finding is not null):
                var raised = new List<AlertView>();
                foreach (var pack in refused.Packs.Where(p => p.Finding is not null).Take(MaxAlertsPerCase))
                    raised.AddRange(await RaiseAsync(actor, action == CaseAction.Ship ? PackAction.Ship : PackAction.Receive, code, pack, ct));
                return new ScanOutcome(ScanVerdict.Alert, refused.Message, null, raised, null) { Case = maySee ? Summary(contents) : null };
            case CaseDecision.Refused when !maySee:
                throw CaseReader.Unknown(sscc);
            case CaseDecision.Refused refused:
                return new ScanOutcome(ScanVerdict.Refused, refused.Message, null, [], null) { Case = Summary(contents) };
            case CaseDecision.Accepted accepted:
                if (!await ledger.TryAppendBatchAsync(CaseWrites.Of(accepted.Steps), ct)) return null;
                var root = accepted.Steps.First(s => s is CaseStep.OfCase).Event;
                var inner = contents.CaseCount > 0 ? $" in {contents.CaseCount} {(contents.CaseCount == 1 ? "case" : "cases")}" : "";
                var verb = action == CaseAction.Ship ? $"Shipped to {names.Describe(to)}" : "Received into your stock";
                return new ScanOutcome(ScanVerdict.Ok, $"{verb}: case (00) {sscc.Value} with {contents.PackCount} {(contents.PackCount == 1 ? "pack" : "packs")}{inner}.",
                    null, [], new EventRef(root.Seq, root.Hash.ToHex())) { Case = Summary(contents) };
            default:
                throw new InvalidOperationException("Unknown decision.");
        }
    }

    private static CaseSummary Summary(CaseContents contents) => new(contents.Case.Sscc, contents.PackCount, contents.CaseCount);

    private async ValueTask<PartyNames> NamesAsync(CaseContents contents, string? to, CancellationToken ct)
    {
        var glns = new HashSet<string?>(StringComparer.Ordinal) { to, contents.Case.Custodian, contents.Case.ShipTo };
        var found = new List<Party?>();
        foreach (var gln in glns.Where(g => g is not null)) found.Add(await parties.FindAsync(gln, ct));
        return new PartyNames(found);
    }

    private ValueTask<IReadOnlyList<AlertView>> RaiseAsync(Party actor, PackAction action, string code, PackRefusal refusal, CancellationToken ct) =>
        RaiseAsync(catalog, alerts, actor, action, code, refusal, ct);

    /// <summary>The alert of one pack that stopped a case's move, raised as its own scan would raise it (an EPCIS capture raises them too).</summary>
    public static async ValueTask<IReadOnlyList<AlertView>> RaiseAsync(ICatalogStore catalog, AlertRaiser alerts, Party actor, PackAction action, string code,
        PackRefusal refusal, CancellationToken ct)
    {
        var pack = refusal.Pack;
        var brandOwner = (await catalog.FindProductAsync(pack.Gtin, ct))?.Manufacturer;
        var subject = new AlertSubject(action, code, null, pack.Gtin, pack.Serial, actor.Gln, brandOwner, ProbableScanningError: false, pack.Custodian);
        return await alerts.RaiseAsync(subject, [refusal.Finding!], ct);
    }

    // Best-effort, as for a pack's scan: the outcome is decided (and maybe committed) already.
    private async ValueTask RecordAsync(ScanRecord scan)
    {
        try
        {
            await scanLog.RecordAsync(scan, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning(ex, "The scan log could not record a {Action} scan of a case by {Actor}; the scan itself stands", scan.Action, scan.Actor);
        }
    }
}
