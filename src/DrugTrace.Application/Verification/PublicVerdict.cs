namespace DrugTrace.Application.Verification;

/// <summary>What the public check tells a patient to do, worst first.</summary>
public enum PublicVerdict
{
    NotConfirmed,
    Stolen,
    Illegitimate,
    UnderInvestigation,
    Destroyed,
    Recalled,
    Expired,
    Genuine,
}
