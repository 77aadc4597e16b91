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
}
