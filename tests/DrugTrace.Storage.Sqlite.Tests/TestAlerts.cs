using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>An alert as a verify of a never-commissioned serial raises it, for the alert store's and outbox's tests.</summary>
internal static class TestAlerts
{
    public static Alert UnknownSerial(string serial, DateTimeOffset raisedAt, DateTimeOffset lastSeenAt) => new()
    {
        Kind = AlertKind.UnknownSerial,
        Severity = Severity.Critical,
        Message = $"Serial {serial} was never commissioned.",
        Action = PackAction.Verify,
        ScannedCode = $"(01)09506000134352(21){serial}",
        PackGtin = "09506000134352",
        PackSerial = serial,
        ScanningParty = "4055555000018",
        BrandOwner = "4012345000016",
        RaisedAt = raisedAt,
        LastSeenAt = lastSeenAt,
    };
}
