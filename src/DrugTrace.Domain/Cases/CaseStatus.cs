namespace DrugTrace.Domain.Cases;

/// <summary>Stored status of a case or pallet.</summary>
public enum CaseStatus
{
    /// <summary>Packed, at its custodian.</summary>
    Active,
    /// <summary>Shipped with everything inside, not yet received.</summary>
    InTransit,
    /// <summary>Opened: its contents move on their own again; the SSCC is not used again.</summary>
    Unpacked,
}
