namespace DrugTrace.Domain.Packs;

/// <summary>Stored status of a pack. "Recalled" is not stored per pack: it follows from its lot.</summary>
public enum PackStatus
{
    Active,
    InTransit,
    Dispensed,
    Destroyed,
    Stolen,
    Sample,
    FreeSample,
    Exported,
    Locked,
    /// <summary>Set aside as suspect product while it is investigated: nothing moves it but release or confirmation.</summary>
    Quarantined,
    /// <summary>Confirmed illegitimate after a quarantine: decommissioned for good, regulators notified.</summary>
    Illegitimate,
}
