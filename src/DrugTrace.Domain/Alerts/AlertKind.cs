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
}
