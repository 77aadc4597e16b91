using DrugTrace.Application.Common.Wire;

namespace DrugTrace.Application.Packs;

/// <summary>
/// The answer to a scan. <see cref="Verdict"/> is "ok", "alert" (something suspicious: see
/// <see cref="Alerts"/>), "refused" (a plain mistake, such as receiving a pack twice) or "warning"
/// (genuine, with a custody exception).
/// </summary>
public sealed record ScanOutcome(
    WireName<ScanVerdict> Verdict,
    string Message,
    PackView? Pack,
    IReadOnlyList<AlertView> Alerts,
    EventRef? Event)
{
    /// <summary>Set when the scanned code was a case's or pallet's SSCC: what moved with it (the event is the case's own).</summary>
    public Cases.CaseSummary? Case { get; init; }

    // The wire words, for literals (tests, switch patterns on text); code compares ScanVerdict.
    public const string Ok = "ok";
    public const string Alert = "alert";
    public const string Refused = "refused";
    public const string Warning = "warning";
}

/// <summary>A pack as shown to a scanning party.</summary>
/// <param name="Custodian">Who holds it; null when the viewer may not be told (see <see cref="HolderDisclosure"/>).</param>
public sealed record PackView(string Gtin, string Serial, string Lot, DateOnly Expiry, string Status, string? Custodian, string? ProductName);

/// <summary>
/// An alert raised by a scan, as stored: <see cref="Count"/> is how often it was raised in the
/// de-duplication window; <see cref="ProbableScanningError"/> marks a garbled scan of a genuine pack.
/// </summary>
public sealed record AlertView(string? Id, string Kind, string Severity, string Message, int Count = 1, bool ProbableScanningError = false);

/// <summary>The event a handoff appended.</summary>
public sealed record EventRef(int Seq, string Hash);
