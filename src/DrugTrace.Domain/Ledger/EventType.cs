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
    /// <summary>Packed into a case or pallet (To = its SSCC); on a case's chain, packed into a pallet.</summary>
    Aggregated,
    /// <summary>Taken out of a case or pallet when it was unpacked (From = its SSCC).</summary>
    Disaggregated,

    // Case chain (SSCC); its moves are Shipped and Received like a pack's
    CasePacked,
    CaseUnpacked,

    // Lot chain
    LotRegistered,
    LotRecalled,
}
