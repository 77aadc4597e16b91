namespace DrugTrace.Application.Packs;

/// <summary>A scan's answer, written "ok", "alert", "refused" or "warning".</summary>
public enum ScanVerdict
{
    /// <summary>Genuine, or the handoff is done.</summary>
    Ok,
    /// <summary>Something suspicious: see the alerts.</summary>
    Alert,
    /// <summary>A plain mistake, such as receiving a pack twice.</summary>
    Refused,
    /// <summary>Genuine, with a custody exception: the ledger has not recorded the pack's shipment to the scanning party.</summary>
    Warning,
}
