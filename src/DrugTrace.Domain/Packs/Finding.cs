using DrugTrace.Domain.Alerts;

namespace DrugTrace.Domain.Packs;

/// <summary>Something wrong with a scan, in words a pharmacist understands.</summary>
public sealed record Finding(AlertKind Kind, string Message)
{
    public Severity Severity => AlertCatalog.SeverityOf(Kind);
}
