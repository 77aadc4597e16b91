using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;

namespace DrugTrace.Application.Packs;

/// <summary>
/// What every scan use case shares: read the code, find the pack, check it is genuine, let the
/// domain decide, append optimistically (re-deciding after a lost race), raise the alerts and
/// log the scan. A garbled scan of a genuine pack is reported as a probable scanning error.
/// </summary>
public sealed class PackHandoffs(
    ILedgerStore ledger,
    ICatalogStore catalog,
    PartyDirectory parties,
    IScanLog scanLog,
    AlertRaiser alerts,
    TimeProvider clock)
{
    /// <summary>A lost race is re-read and re-decided; more than this many in a row means something is wrong.</summary>
    private const int MaxAttempts = 8;

    // The alert kinds that scanners cause more often than counterfeiters do.
    private static readonly AlertKind[] Triaged = [AlertKind.UnknownSerial, AlertKind.LotMismatch, AlertKind.ExpiryMismatch];

    public async ValueTask<ScanOutcome> HandleAsync(Party actor, string code, PackCommand command, CancellationToken cancellationToken)
    {
        var now = EventHasher.TruncateToMilliseconds(clock.GetUtcNow());
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        RequireCode(code);

        Judgement judgement;
        var parsed = Gs1Parser.ParsePack(code, today);
        if (!parsed.IsSuccess)
        {
            // An unreadable code may still be a genuine pack that the scanner garbled.
            judgement = await TriageAsync(actor, code, null, AlertKind.UnknownSerial, now, cancellationToken)
                ?? throw new ValidationException("code", parsed.Error.Message);
        }
        else
        {
            if (command.Action == PackAction.Ship)
                await CheckRecipientAsync(command.To, cancellationToken);
            Judgement? decided = null;
            for (var attempt = 0; attempt < MaxAttempts && decided is null; attempt++)
                decided = await TryOnceAsync(actor, code, parsed.Value, command, now, cancellationToken);
            judgement = decided ?? throw new ConflictException("This pack is being changed by many scans at once; scan it again.");
        }

        var outcome = judgement.Outcome;
        if (judgement.Findings.Count > 0)
        {
            var subject = new AlertSubject(ActionName(command.Action), code, parsed.Value, judgement.PackGtin ?? parsed.Value?.Gtin.Value,
                judgement.PackSerial ?? parsed.Value?.Serial, actor.Gln, judgement.BrandOwner, judgement.ProbableScanningError);
            outcome = outcome with { Alerts = await alerts.RaiseAsync(subject, judgement.Findings, cancellationToken) };
        }
        await scanLog.RecordAsync(new ScanRecord(
            now, actor.Gln, ActionName(command.Action), code, parsed.Value?.Gtin.Value, parsed.Value?.Serial, outcome.Verdict,
            outcome.Alerts.Count == 0 ? null : string.Join(',', outcome.Alerts.Select(a => a.Kind))), cancellationToken);
        return outcome;
    }

    /// <summary>Parses a scanned or typed code; an unreadable one is the caller's mistake (400).</summary>
    public static PackIdentity Read(string? code, DateTimeOffset now)
    {
        RequireCode(code);
        var parsed = Gs1Parser.ParsePack(code, DateOnly.FromDateTime(now.UtcDateTime));
        return parsed.IsSuccess
            ? parsed.Value!
            : throw new ValidationException("code", parsed.Error!.Message);
    }

    private static void RequireCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
            throw new ValidationException("code", "The code is empty: scan the pack's DataMatrix or type its code.");
    }

    // Null means the append lost a race: read again and decide again.
    private async ValueTask<Judgement?> TryOnceAsync(Party actor, string code, PackIdentity id, PackCommand command, DateTimeOffset now, CancellationToken ct)
    {
        var (facts, brandOwner) = await FactsAsync(actor, id, command.Action, now, ct);
        var product = facts.ProductName;
        var fakes = AlertRules.CheckAuthenticity(facts);
        if (fakes.Count > 0)
        {
            if (fakes.Any(f => Triaged.Contains(f.Kind))
                && await TriageAsync(actor, code, id, fakes[0].Kind, now, ct) is { } scanningError)
                return scanningError;
            var seen = facts.Pack is null ? null : View(facts.Pack, facts.Lot!, product);
            return new Judgement(Flag(seen, fakes), fakes, null, null, brandOwner, false);
        }

        var pack = facts.Pack!;
        var lot = facts.Lot!;
        if (command.Action == PackAction.Verify)
        {
            var findings = AlertRules.CheckState(facts);
            return findings.Count == 0
                ? new Judgement(new ScanOutcome(ScanOutcome.Ok, "Genuine pack.", View(pack, lot, product), [], null), [], null, null, brandOwner, false)
                : new Judgement(Flag(View(pack, lot, product), findings), findings, null, null, brandOwner, false);
        }

        switch (PackLifecycle.Decide(pack, lot, command, actor, now, parties.Describe))
        {
            case Decision.Refused { Finding: { } finding }:
                return new Judgement(Flag(View(pack, lot, product), [finding]), [finding], null, null, brandOwner, false);
            case Decision.Refused refused:
                return new Judgement(new ScanOutcome(ScanOutcome.Refused, refused.Message, View(pack, lot, product), [], null), [], null, null, brandOwner, false);
            case Decision.Accepted accepted:
                var e = LedgerEvents.Next(pack.Head, StreamKind.Pack, pack.Gtin, pack.Serial, accepted.Type, actor.Gln, now,
                    accepted.From, accepted.To, accepted.Reason);
                var next = PackLifecycle.Apply(pack, e);
                // The lot's head is re-checked in the append's transaction: a recall that committed after
                // this decision was read makes the append lose, and the retry sees the recall.
                if (!await ledger.TryAppendAsync(e, next, lot.Head, ct)) return null;
                var done = new ScanOutcome(ScanOutcome.Ok, Done(accepted.Type), View(next, lot, product), [], new EventRef(e.Seq, e.Hash.ToHex()));
                return new Judgement(done, [], null, null, brandOwner, false);
            default:
                throw new InvalidOperationException("Unknown decision.");
        }
    }

    /// <summary>
    /// Reads what the ledger holds about a scanned pack, the names of the parties it mentions,
    /// and the product's brand owner (who must see any alert on it).
    /// </summary>
    private async ValueTask<(ScanFacts Facts, string? BrandOwner)> FactsAsync(Party actor, PackIdentity id, PackAction action, DateTimeOffset now, CancellationToken ct)
    {
        var gtin = id.Gtin.Value;
        var product = await catalog.FindProductAsync(gtin, ct);
        var pack = product is null ? null : await ledger.FindPackAsync(gtin, id.Serial, ct);
        var lot = pack is null ? null
            : await catalog.FindLotAsync(gtin, pack.Lot, ct)
              ?? throw new InvalidOperationException($"Pack {gtin}/{id.Serial} belongs to lot {pack.Lot}, which is not stored.");
        // Whether an unknown serial's lot exists at all tells a forged label from a typo.
        var scannedLotRegistered = pack is not null || product is null || id.Lot is null
            || await catalog.FindLotAsync(gtin, id.Lot, ct) is not null;
        if (pack is not null)
        {
            // Messages name the parties involved; they are cached after the first look-up.
            await parties.FindAsync(pack.ChangedBy, ct);
            await parties.FindAsync(pack.Custodian, ct);
            await parties.FindAsync(pack.ShipTo, ct);
        }
        return (new ScanFacts
        {
            Action = action,
            Actor = actor,
            Now = now,
            Scanned = id,
            ProductName = product?.Name,
            Pack = pack,
            Lot = lot,
            ScannedLotRegistered = scannedLotRegistered,
            Name = parties.Describe,
        }, product?.Manufacturer);
    }

    /// <summary>
    /// Tries the known scanner garblings of <paramref name="code"/>; if exactly one of them is a
    /// genuine pack, as labelled, the scan is a probable scanning error about that pack.
    /// </summary>
    private async ValueTask<Judgement?> TriageAsync(Party actor, string code, PackIdentity? scanned, AlertKind kind, DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        (CorrectedScan Candidate, ScanFacts Facts, string? BrandOwner)? match = null;
        foreach (var candidate in ScanCorrections.Candidates(code, today))
        {
            if (scanned is not null && candidate.Pack.Gtin == scanned.Gtin && candidate.Pack.Serial == scanned.Serial
                && candidate.Pack.Lot == scanned.Lot && candidate.Pack.Expiry == scanned.Expiry) continue;
            var (facts, owner) = await FactsAsync(actor, candidate.Pack, PackAction.Verify, now, ct);
            if (facts.Pack is null || AlertRules.CheckAuthenticity(facts).Count > 0) continue;
            if (match is { } first && (first.Facts.Pack!.Gtin, first.Facts.Pack.Serial) != (facts.Pack.Gtin, facts.Pack.Serial))
                return null; // Two genuine packs fit: no safe guess.
            match ??= (candidate, facts, owner);
        }
        if (match is not { } found) return null;

        var pack = found.Facts.Pack!;
        var product = found.Facts.ProductName;
        var message = $"Probable scanning error: {ScanCorrections.Explain(found.Candidate.Correction)}. "
            + $"This is most likely the genuine pack {pack.Serial} of {product} (lot {pack.Lot}); fix the scanner and scan it again.";
        var finding = new Finding(kind, message);
        var view = View(pack, found.Facts.Lot!, product);
        var outcome = new ScanOutcome(ScanOutcome.Alert, message, view, [], null);
        return new Judgement(outcome, [finding], pack.Gtin, pack.Serial, found.BrandOwner, ProbableScanningError: true);
    }

    private async ValueTask CheckRecipientAsync(string? to, CancellationToken ct)
    {
        if (!Gln.TryParse(to, out var gln, out var error))
            throw new ValidationException("to", $"Say who the pack is shipped to: {error}");
        var recipient = await parties.FindAsync(gln.Value, ct)
            ?? throw new ValidationException("to", $"No party with GLN {gln.Value} is registered.");
        // A pack shipped to a party that may not receive would stay in transit for ever.
        if (!PackLifecycle.IsAllowed(recipient.Role, PackAction.Receive))
            throw new ValidationException("to", $"{recipient.Name} is a {recipient.Role.ToString().ToLowerInvariant()} and cannot receive packs.");
    }

    private static ScanOutcome Flag(PackView? pack, IReadOnlyList<Finding> findings) =>
        new(ScanOutcome.Alert, findings[0].Message, pack,
            [.. findings.Select(f => new AlertView(null, f.Kind.ToString(), f.Severity.ToString().ToLowerInvariant(), f.Message))], null);

    public static PackView View(PackState pack, LotState lot, string? productName) =>
        new(pack.Gtin, pack.Serial, pack.Lot, pack.Expiry, PackLifecycle.EffectiveStatus(pack, lot), pack.Custodian, productName);

    public static PackView View(PackState pack, LotState lot, Product? product) => View(pack, lot, product?.Name);

    private static string Done(EventType type) => type switch
    {
        EventType.Shipped => "Shipped.",
        EventType.Received => "Received into your stock.",
        EventType.Dispensed => "Dispensed.",
        EventType.DispenseUndone => "Dispense undone: the pack is back in your stock.",
        EventType.Decommissioned => "Decommissioned.",
        EventType.Unlocked => "Unlocked: the pack is back in your stock.",
        _ => type.ToString(),
    };

    public static string ActionName(PackAction action) => action switch
    {
        PackAction.UndoDispense => "undo-dispense",
        _ => action.ToString().ToLowerInvariant(),
    };

    /// <summary>A scan's outcome, the findings to raise as alerts, and whom they concern.</summary>
    private sealed record Judgement(
        ScanOutcome Outcome,
        IReadOnlyList<Finding> Findings,
        string? PackGtin,
        string? PackSerial,
        string? BrandOwner,
        bool ProbableScanningError);
}
