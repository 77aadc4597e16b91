using DrugTrace.Domain.Alerts;

namespace DrugTrace.Domain.Tests.Alerts;

public class AlertCatalogTests
{
    // ARCHITECTURE.md section 5.
    [Theory]
    [InlineData(AlertKind.UnknownProduct, Severity.Critical, "NMVS_NC_PC_01")]
    [InlineData(AlertKind.UnknownSerial, Severity.Critical, "NMVS_NC_PC_02")]
    [InlineData(AlertKind.UnknownLot, Severity.Critical, "NMVS_FE_LOT_03")]
    [InlineData(AlertKind.LotMismatch, Severity.Critical, "NMVS_FE_LOT_13")]
    [InlineData(AlertKind.ExpiryMismatch, Severity.Critical, "NMVS_FE_LOT_12")]
    [InlineData(AlertKind.AlreadyInactive, Severity.High, "NMVS_NC_PCK_22")]
    [InlineData(AlertKind.StolenPack, Severity.Critical, null)]
    [InlineData(AlertKind.Recalled, Severity.High, null)]
    [InlineData(AlertKind.Expired, Severity.Medium, null)]
    [InlineData(AlertKind.CustodyMismatch, Severity.High, null)]
    [InlineData(AlertKind.CloneSuspected, Severity.Critical, null)]
    [InlineData(AlertKind.CustodyException, Severity.Low, null)]
    [InlineData(AlertKind.ConfirmedIllegitimate, Severity.Critical, null)]
    [InlineData(AlertKind.IntegrityViolation, Severity.Critical, null)]
    public void Severity_and_eu_code_per_kind(AlertKind kind, Severity severity, string? euCode)
    {
        Assert.Equal(severity, AlertCatalog.SeverityOf(kind));
        Assert.Equal(euCode, AlertCatalog.EuReasonCode(kind));
    }

    [Fact]
    public void UndoRefused_is_medium_with_an_nmvs_undo_code()
    {
        // The table lists NMVS_NC_PCK_20/21 (undo refused: other location / time window exceeded).
        Assert.Equal(Severity.Medium, AlertCatalog.SeverityOf(AlertKind.UndoRefused));
        Assert.Contains(AlertCatalog.EuReasonCode(AlertKind.UndoRefused), new[] { "NMVS_NC_PCK_20", "NMVS_NC_PCK_21" });
    }

    [Fact]
    public void Every_kind_has_a_severity()
    {
        Assert.All(Enum.GetValues<AlertKind>(), kind => Assert.True(Enum.IsDefined(AlertCatalog.SeverityOf(kind))));
    }

    [Fact]
    public void Unknown_kind_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AlertCatalog.SeverityOf((AlertKind)999));
    }

    [Fact]
    public void Only_a_confirmed_illegitimate_alert_has_a_notification_due_24_hours_after_it_was_raised()
    {
        var raised = new DateTimeOffset(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(raised.AddHours(24), AlertCatalog.NotificationDue(AlertKind.ConfirmedIllegitimate, raised));
        Assert.Null(AlertCatalog.NotificationDue(AlertKind.CloneSuspected, raised));
    }
}
