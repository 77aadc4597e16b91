namespace DrugTrace.Domain.Cases;

/// <summary>What can be asked of a case or pallet.</summary>
public enum CaseAction
{
    /// <summary>Pack packs (or cases) into a new case (aggregation).</summary>
    Pack,
    /// <summary>Open a case: its contents move on their own again (disaggregation).</summary>
    Unpack,
    /// <summary>Ship the case with everything inside.</summary>
    Ship,
    /// <summary>Receive the case with everything inside.</summary>
    Receive,
}
