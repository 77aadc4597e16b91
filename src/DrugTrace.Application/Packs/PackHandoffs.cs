using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;

namespace DrugTrace.Application.Packs;

/// <summary>
/// What every scan use case shares: read the code, find the pack, check it is genuine, let the
/// domain decide, append optimistically (re-deciding after a lost race) and log the scan.
/// </summary>
public sealed class PackHandoffs(
    ILedgerStore ledger,
    ICatalogStore catalog,
    PartyDirectory parties,
    IScanLog scanLog,
    TimeProvider clock)
{
    /// <summary>A lost race is re-read and re-decided; more than this many in a row means something is wrong.</summary>
    private const int MaxAttempts = 8;

    public async ValueTask<ScanOutcome> HandleAsync(Party actor, string code, PackCommand command, CancellationToken cancellationToken)
    {
        var now = EventHasher.TruncateToMilliseconds(clock.GetUtcNow());
        var identity = Read(code, now);
        if (command.Action == PackAction.Ship)
            await CheckRecipientAsync(command.To, cancellationToken);

        ScanOutcome? outcome = null;
        for (var attempt = 0; attempt < MaxAttempts && outcome is null; attempt++)
            outcome = await TryOnceAsync(actor, identity, command, now, cancellationToken);
        if (outcome is null) throw new ConflictException("This pack is being changed by many scans at once; scan it again.");

        await scanLog.RecordAsync(new ScanRecord(
            now, actor.Gln, ActionName(command.Action), code, identity.Gtin.Value, identity.Serial, outcome.Verdict,
            outcome.Alerts.Count == 0 ? null : string.Join(',', outcome.Alerts.Select(a => a.Kind))), cancellationToken);
        return outcome;
    }

    /// <summary>Parses a scanned or typed code; an unreadable one is the caller's mistake (400).</summary>
    public static PackIdentity Read(string? code, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(code))
            throw new ValidationException("code", "The code is empty: scan the pack's DataMatrix or type its code.");
        var parsed = Gs1Parser.ParsePack(code, DateOnly.FromDateTime(now.UtcDateTime));
        return parsed.IsSuccess
            ? parsed.Value!
            : throw new ValidationException("code", parsed.Error!.Message);
    }

    // Null means the append lost a race: read again and decide again.
    private async ValueTask<ScanOutcome?> TryOnceAsync(Party actor, PackIdentity id, PackCommand command, DateTimeOffset now, CancellationToken ct)
    {
        var gtin = id.Gtin.Value;
        var product = await catalog.FindProductAsync(gtin, ct);
        if (product is null)
            return Flagged(null, new Finding(AlertKind.UnknownProduct, $"GTIN {gtin} is not a registered product. This pack may be falsified."));

        var pack = await ledger.FindPackAsync(gtin, id.Serial, ct);
        if (pack is null)
        {
            var findings = new List<Finding>
            {
                new(AlertKind.UnknownSerial, $"{product.Name}: serial {id.Serial} was never commissioned. This pack may be falsified."),
            };
            if (id.Lot is { } scannedLot && await catalog.FindLotAsync(gtin, scannedLot, ct) is null)
                findings.Add(new Finding(AlertKind.UnknownLot, $"Lot {scannedLot} was never registered for {product.Name}."));
            return Flagged(null, [.. findings]);
        }

        var lot = await catalog.FindLotAsync(gtin, pack.Lot, ct)
            ?? throw new InvalidOperationException($"Pack {gtin}/{id.Serial} belongs to lot {pack.Lot}, which is not stored.");
        var fakes = PackLifecycle.CheckAuthenticity(pack, id.Lot, id.Expiry);
        if (fakes.Count > 0)
            return Flagged(View(pack, lot, product), [.. fakes]);

        // Messages name the parties involved; they are cached after the first look-up.
        await parties.FindAsync(pack.ChangedBy, ct);
        await parties.FindAsync(pack.Custodian, ct);
        await parties.FindAsync(pack.ShipTo, ct);
        if (command.Action == PackAction.Verify)
        {
            var findings = PackLifecycle.Verify(pack, lot, now, parties.Describe);
            return findings.Count == 0
                ? new ScanOutcome(ScanOutcome.Ok, "Genuine pack.", View(pack, lot, product), [], null)
                : Flagged(View(pack, lot, product), [.. findings]);
        }

        switch (PackLifecycle.Decide(pack, lot, command, actor, now, parties.Describe))
        {
            case Decision.Refused { Finding: { } finding }:
                return Flagged(View(pack, lot, product), finding);
            case Decision.Refused refused:
                return new ScanOutcome(ScanOutcome.Refused, refused.Message, View(pack, lot, product), [], null);
            case Decision.Accepted accepted:
                var e = EventHasher.Seal(new LedgerEvent
                {
                    Stream = StreamKind.Pack,
                    Gtin = gtin,
                    Key = pack.Serial,
                    Seq = pack.Head.Seq + 1,
                    Type = accepted.Type,
                    Actor = actor.Gln,
                    From = accepted.From,
                    To = accepted.To,
                    Reason = accepted.Reason,
                    OccurredAt = now,
                    RecordedAt = now,
                    PrevHash = pack.Head.Hash,
                });
                var next = PackLifecycle.Apply(pack, e);
                if (!await ledger.TryAppendAsync(e, next, ct)) return null;
                return new ScanOutcome(ScanOutcome.Ok, Done(accepted.Type), View(next, lot, product), [], new EventRef(e.Seq, e.Hash.ToHex()));
            default:
                throw new InvalidOperationException("Unknown decision.");
        }
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

    private static ScanOutcome Flagged(PackView? pack, params Finding[] findings) =>
        new(ScanOutcome.Alert, findings[0].Message, pack,
            [.. findings.Select(f => new AlertView(null, f.Kind.ToString(), f.Severity.ToString().ToLowerInvariant(), f.Message))], null);

    public static PackView View(PackState pack, LotState lot, Product? product) =>
        new(pack.Gtin, pack.Serial, pack.Lot, pack.Expiry, PackLifecycle.EffectiveStatus(pack, lot), pack.Custodian, product?.Name);

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
}
