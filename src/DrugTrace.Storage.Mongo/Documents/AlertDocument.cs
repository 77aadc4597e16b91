namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>
/// An alert in the <c>alerts</c> collection, its history embedded. <c>_id</c> is the alert id, allocated
/// from <c>counters</c>. Severity is stored as its number so that "at least high" is a range query.
/// </summary>
internal sealed class AlertDocument
{
    public long Id { get; set; }
    /// <summary>The <see cref="Domain.Alerts.AlertKind"/> name.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The <see cref="Domain.Alerts.Severity"/> value (Low = 0 ... Critical = 3).</summary>
    public int Severity { get; set; }
    public string? ReasonCode { get; set; }
    public string Message { get; set; } = "";
    public string Action { get; set; } = "";
    public string ScannedCode { get; set; } = "";
    public string? ScannedGtin { get; set; }
    public string? ScannedSerial { get; set; }
    public string? ScannedLot { get; set; }
    /// <summary>yyyy-MM-dd.</summary>
    public string? ScannedExpiry { get; set; }
    public string? PackGtin { get; set; }
    public string? PackSerial { get; set; }
    public string ScanningParty { get; set; } = "";
    public string? BrandOwner { get; set; }
    public string? Custodian { get; set; }
    public bool ProbableScanningError { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public int Count { get; set; }
    /// <summary>The <see cref="Domain.Alerts.AlertStatus"/> name.</summary>
    public string Status { get; set; } = "";
    /// <summary>The <see cref="Domain.Alerts.AlertResolution"/> name.</summary>
    public string? Resolution { get; set; }
    public int Version { get; set; }
    public string DedupeKey { get; set; } = "";
    public List<AlertChangeDocument> History { get; set; } = [];
}
