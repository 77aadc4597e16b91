namespace DrugTrace.Domain.Alerts;

public enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}
