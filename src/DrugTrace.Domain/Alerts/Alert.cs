namespace DrugTrace.Domain.Alerts;

/// <summary>
/// A suspicious scan as stored: what was scanned and by whom, what it was read as, the pack it
/// concerns (for a probable scanning error, the pack it most likely was), and its lifecycle.
/// Repeats of the same alert (same pack, kind and party within the de-duplication window)
/// only raise <see cref="Count"/>.
/// </summary>
public sealed record Alert
{
    public long Id { get; init; }
    public required AlertKind Kind { get; init; }
    public required Severity Severity { get; init; }
    public string? ReasonCode { get; init; }
    public required string Message { get; init; }
    public required AlertAction Action { get; init; }
    /// <summary>The code exactly as the scanner delivered it.</summary>
    public required string ScannedCode { get; init; }
    public string? ScannedGtin { get; init; }
    public string? ScannedSerial { get; init; }
    public string? ScannedLot { get; init; }
    public DateOnly? ScannedExpiry { get; init; }
    /// <summary>The pack concerned, if one is known: the scanned one, or the likely intended one.</summary>
    public string? PackGtin { get; init; }
    public string? PackSerial { get; init; }
    public required string ScanningParty { get; init; }
    /// <summary>Manufacturer of the GTIN, who must see alerts on its products.</summary>
    public string? BrandOwner { get; init; }
    /// <summary>
    /// The pack's holder, on a custody exception only: it sees the exception, so that it can record
    /// the shipment the scanning party is waiting for.
    /// </summary>
    public string? Custodian { get; init; }
    public bool ProbableScanningError { get; init; }
    public required DateTimeOffset RaisedAt { get; init; }
    public required DateTimeOffset LastSeenAt { get; init; }
    public int Count { get; init; } = 1;
    public AlertStatus Status { get; init; } = AlertStatus.Open;
    public AlertResolution? Resolution { get; init; }
    /// <summary>Bumped by every change; an update must name the version it was based on.</summary>
    public int Version { get; init; }
    public IReadOnlyList<AlertChange> History { get; init; } = [];

    /// <summary>
    /// Repeats are folded per concerned pack (or scanned code), kind and scanning party. A probable
    /// scanning error is kept apart from a real alert on the same pack, so that a forged label is
    /// never swallowed by the low-severity count of an earlier garbled scan.
    /// </summary>
    public string DedupeKey =>
        $"{PackGtin ?? ScannedGtin}|{PackSerial ?? ScannedSerial ?? ScannedCode}|{Kind}|{ScanningParty}"
        + (ProbableScanningError ? "|scanning-error" : "");
}
