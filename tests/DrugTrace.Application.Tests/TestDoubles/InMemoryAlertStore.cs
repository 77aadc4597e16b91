using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>Alerts in a list, with the store contract's de-duplication and optimistic update.</summary>
public sealed class InMemoryAlertStore : IAlertStore
{
    private readonly Lock _gate = new();
    private readonly List<Alert> _alerts = [];

    public IReadOnlyList<Alert> All
    {
        get { lock (_gate) return [.. _alerts]; }
    }

    public ValueTask<(Alert Alert, bool IsNew)> RaiseAsync(Alert alert, TimeSpan window, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _alerts.FindLastIndex(a => a.DedupeKey == alert.DedupeKey && a.Status != AlertStatus.Closed
                && a.LastSeenAt >= alert.LastSeenAt - window);
            if (index >= 0)
            {
                _alerts[index] = _alerts[index] with { Count = _alerts[index].Count + 1, LastSeenAt = alert.LastSeenAt };
                return ValueTask.FromResult((_alerts[index], false));
            }
            var stored = alert with { Id = _alerts.Count + 1 };
            _alerts.Add(stored);
            return ValueTask.FromResult((stored, true));
        }
    }

    public ValueTask<Alert?> GetAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate) return ValueTask.FromResult(_alerts.FirstOrDefault(a => a.Id == id));
    }

    public ValueTask<IReadOnlyList<Alert>> QueryAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var matches = _alerts.Where(a =>
                (query.VisibleTo is null || a.ScanningParty == query.VisibleTo || a.BrandOwner == query.VisibleTo || a.Custodian == query.VisibleTo)
                && (query.CustodyExceptions is null || (a.Kind == AlertKind.CustodyException) == query.CustodyExceptions)
                && (query.Status is null || a.Status == query.Status)
                && (query.Kind is null || a.Kind == query.Kind)
                && (query.MinSeverity is null || a.Severity >= query.MinSeverity)
                && (query.Severity is null || a.Severity == query.Severity)
                && (query.Gtin is null || a.PackGtin == query.Gtin || a.ScannedGtin == query.Gtin)
                && (query.Party is null || a.ScanningParty == query.Party)
                && (query.AfterId is null || a.Id > query.AfterId)
                && (query.IncludeScanningErrors || !a.ProbableScanningError));
            var ordered = query.AfterId is null ? matches.OrderByDescending(a => a.Id) : matches.OrderBy(a => a.Id);
            return ValueTask.FromResult<IReadOnlyList<Alert>>([.. ordered.Skip(query.Skip).Take(query.Take)]);
        }
    }

    public ValueTask<bool> TryUpdateAsync(Alert updated, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _alerts.FindIndex(a => a.Id == updated.Id);
            if (index < 0 || _alerts[index].Version != updated.Version - 1) return ValueTask.FromResult(false);
            _alerts[index] = updated with { Count = _alerts[index].Count, LastSeenAt = _alerts[index].LastSeenAt };
            return ValueTask.FromResult(true);
        }
    }
}
