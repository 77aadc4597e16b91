namespace DrugTrace.Domain.Alerts;

/// <summary>Severity and EU NMVS reason code of each alert kind.</summary>
public static class AlertCatalog
{
    /// <summary>DSCSA: once product is found illegitimate, the authorities and trading partners are notified within 24 hours.</summary>
    public static readonly TimeSpan IllegitimateNotificationWindow = TimeSpan.FromHours(24);

    /// <summary>When the notification an alert calls for is due: only a ConfirmedIllegitimate alert has one, 24 hours after it was raised.</summary>
    public static DateTimeOffset? NotificationDue(AlertKind kind, DateTimeOffset raisedAt) =>
        kind == AlertKind.ConfirmedIllegitimate ? raisedAt + IllegitimateNotificationWindow : null;

    public static Severity SeverityOf(AlertKind kind) => kind switch
    {
        AlertKind.UnknownProduct or AlertKind.UnknownSerial or AlertKind.UnknownLot or AlertKind.LotMismatch
            or AlertKind.ExpiryMismatch or AlertKind.StolenPack or AlertKind.CloneSuspected
            or AlertKind.IntegrityViolation or AlertKind.ConfirmedIllegitimate => Severity.Critical,
        AlertKind.CustodyException => Severity.Low,
        AlertKind.AlreadyInactive or AlertKind.Recalled or AlertKind.CustodyMismatch => Severity.High,
        AlertKind.Expired or AlertKind.UndoRefused => Severity.Medium,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string? EuReasonCode(AlertKind kind) => kind switch
    {
        AlertKind.UnknownProduct => "NMVS_NC_PC_01",
        AlertKind.UnknownSerial => "NMVS_NC_PC_02",
        AlertKind.UnknownLot => "NMVS_FE_LOT_03",
        AlertKind.LotMismatch => "NMVS_FE_LOT_13",
        AlertKind.ExpiryMismatch => "NMVS_FE_LOT_12",
        AlertKind.AlreadyInactive => "NMVS_NC_PCK_22",
        AlertKind.UndoRefused => "NMVS_NC_PCK_20",
        _ => null,
    };
}
