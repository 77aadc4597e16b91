namespace DrugTrace.Domain.Packs;

/// <summary>What a scan asks to do with a pack.</summary>
public enum PackAction
{
    Verify,
    Receive,
    Ship,
    Dispense,
    UndoDispense,
    Decommission,
    Unlock,
    Quarantine,
    Release,
    ConfirmIllegitimate,
}
