namespace DrugTrace.Domain.Ledger;

/// <summary>What happened to a pack or lot. Names are written into the hashed body: never rename one.</summary>
public enum EventType
{
    // Pack chain
    Commissioned,
    Shipped,
    Received,
    Dispensed,
    DispenseUndone,
    Decommissioned,
    Unlocked,
    Quarantined,
    Released,
    ConfirmedIllegitimate,

    // Lot chain
    LotRegistered,
    LotRecalled,
}
