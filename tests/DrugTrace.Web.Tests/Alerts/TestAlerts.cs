using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Web.Tests.Alerts;

/// <summary>A new unknown-serial alert for the push tests, raised by <paramref name="scanningParty"/>.</summary>
public static class TestAlerts
{
    public static Alert Alert(long id, string scanningParty, string? brandOwner = null) => new()
    {
        Id = id,
        Kind = AlertKind.UnknownSerial,
        Severity = Severity.Critical,
        Message = "unknown",
        Action = PackAction.Verify,
        ScannedCode = "(01)04012345000115(21)X",
        ScanningParty = scanningParty,
        BrandOwner = brandOwner,
        RaisedAt = DateTimeOffset.UnixEpoch,
        LastSeenAt = DateTimeOffset.UnixEpoch,
    };
}
