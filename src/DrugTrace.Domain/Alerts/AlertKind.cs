namespace DrugTrace.Domain.Alerts;

/// <summary>The alert table of ARCHITECTURE.md section 5.</summary>
public enum AlertKind
{
    UnknownProduct,
    UnknownSerial,
    UnknownLot,
    LotMismatch,
    ExpiryMismatch,
    AlreadyInactive,
    StolenPack,
    Recalled,
    Expired,
    UndoRefused,
    CustodyMismatch,
    CloneSuspected,
    IntegrityViolation,
    /// <summary>A genuine active pack scanned by a party that neither holds nor expects it: a shipment not yet recorded.</summary>
    CustodyException,
    /// <summary>A quarantined pack confirmed illegitimate (DSCSA: notify within 24 hours).</summary>
    ConfirmedIllegitimate,
}
