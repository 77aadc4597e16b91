using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Alerts;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Tests.Alerts;

/// <summary>Alerts as the raiser would store them, for the query and update tests.</summary>
internal static class AlertSamples
{
    public static Alert Make(
        string scanningParty, string? brandOwner, string serial, AlertKind kind = AlertKind.UnknownSerial,
        string gtin = TestWorld.Gtin, bool scanningError = false, DateTimeOffset? at = null) => new()
    {
        Kind = kind,
        Severity = scanningError ? Severity.Low : AlertCatalog.SeverityOf(kind),
        ReasonCode = AlertCatalog.EuReasonCode(kind),
        Message = $"{kind} on {serial}",
        Action = PackAction.Verify,
        ScannedCode = Code(serial, gtin: gtin),
        ScannedGtin = gtin,
        ScannedSerial = serial,
        ScannedLot = "LOT42",
        ScannedExpiry = Expiry,
        PackGtin = gtin,
        PackSerial = serial,
        ScanningParty = scanningParty,
        BrandOwner = brandOwner,
        ProbableScanningError = scanningError,
        RaisedAt = at ?? Start,
        LastSeenAt = at ?? Start,
    };

    public static async Task<Alert> Store(this InMemoryAlertStore store, Alert alert) =>
        (await store.RaiseAsync(alert, TimeSpan.FromHours(1), CancellationToken.None)).Alert;
}
