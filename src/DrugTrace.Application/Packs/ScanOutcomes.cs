using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Products;

namespace DrugTrace.Application.Packs;

/// <summary>The words and shapes a scan answers with.</summary>
public static class ScanOutcomes
{
    public static ScanOutcome Genuine(PackView pack) => new(ScanVerdict.Ok, "Genuine pack.", pack, [], null);

    public static ScanOutcome Refused(string message, PackView pack) => new(ScanVerdict.Refused, message, pack, [], null);

    /// <summary>An alert: the first finding is the message, every finding is listed.</summary>
    public static ScanOutcome Flag(PackView? pack, IReadOnlyList<Finding> findings) =>
        new(ScanVerdict.Alert, findings[0].Message, pack,
            [.. findings.Select(f => new AlertView(null, f.Kind.ToString(), f.Severity.ToString().ToLowerInvariant(), f.Message))], null);

    /// <summary>
    /// A genuine pack with custody exceptions only: a warning, not a counterfeit alarm. The holder is
    /// not disclosed to the scanning party, which is not involved in the pack's custody.
    /// </summary>
    public static ScanOutcome Warn(PackView pack, IReadOnlyList<Finding> findings) =>
        Flag(pack with { Custodian = null }, findings) with { Verdict = ScanVerdict.Warning };

    /// <summary>A genuine pack set aside while it is investigated: not to be supplied, and not a new alert.</summary>
    public static ScanOutcome Held(PackView pack, PackState state) =>
        new(ScanVerdict.Warning,
            $"Quarantined since {state.ChangedAt.UtcDateTime:yyyy-MM-dd}: this pack is set aside as suspect product while it is investigated. Do not supply it.",
            pack, [], null);

    public static bool OnlyCustodyExceptions(IReadOnlyList<Finding> findings) =>
        findings.Count > 0 && findings.All(f => f.Kind == AlertKind.CustodyException);

    public static ScanOutcome Done(LedgerEvent appended, PackView pack) =>
        new(ScanVerdict.Ok, Done(appended.Type), pack, [], new EventRef(appended.Seq, appended.Hash.ToHex()));

    /// <summary>A replayed queued scan whose event the pack already has.</summary>
    public static ScanOutcome AlreadyRecorded(PackState pack, PackView view) =>
        new(ScanVerdict.Ok, "Already recorded: this queued scan went through before.", view, [], new EventRef(pack.Head.Seq, pack.Head.Hash.ToHex()));

    public static string Done(EventType type) => type switch
    {
        EventType.Shipped => "Shipped.",
        EventType.Received => "Received into your stock.",
        EventType.Dispensed => "Dispensed.",
        EventType.DispenseUndone => "Dispense undone: the pack is back in your stock.",
        EventType.Decommissioned => "Decommissioned.",
        EventType.Unlocked => "Unlocked: the pack is back in your stock.",
        EventType.Quarantined => "Quarantined: the pack is held while it is investigated; it cannot be shipped, received or dispensed.",
        EventType.Released => "Released from quarantine: the pack is back to the status it had.",
        EventType.ConfirmedIllegitimate =>
            "Confirmed illegitimate: the pack is decommissioned; the regulators and the brand owner are alerted and must be notified within 24 hours.",
        _ => type.ToString(),
    };

    /// <summary>A pack as a scanning party sees it: its effective status includes its lot's recall.</summary>
    public static PackView View(PackState pack, LotState lot, string? productName) =>
        new(pack.Gtin, pack.Serial, pack.Lot, pack.Expiry, PackLifecycle.EffectiveStatus(pack, lot), pack.Custodian, productName);

    public static PackView View(PackState pack, LotState lot, Product? product) => View(pack, lot, product?.Name);
}
