namespace DrugTrace.Domain.Alerts;

/// <summary>How a closed alert turned out.</summary>
public enum AlertResolution
{
    FalsePositive,
    ScanningError,
    ConfirmedFalsified,
    Diversion,
    Other,
}
