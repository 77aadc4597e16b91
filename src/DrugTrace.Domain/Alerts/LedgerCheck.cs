namespace DrugTrace.Domain.Alerts;

/// <summary>A check of the ledger itself that can raise an alert, as opposed to a scan.</summary>
public enum LedgerCheck
{
    /// <summary>The operator's audit, replaying every chain and the Merkle tree.</summary>
    Audit,

    /// <summary>A witness's answer to a checkpoint (a refusal of one the log signed).</summary>
    Witness,
}
