namespace DrugTrace.Domain.Alerts;

public enum AlertStatus
{
    Open,
    Investigating,
    Closed,
}
