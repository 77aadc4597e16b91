using DrugTrace.Domain.Alerts;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>Alerts, de-duplicated and with their lifecycle.</summary>
public interface IAlertStore
{
    /// <summary>
    /// Stores a new alert, or, when an alert with the same <see cref="Alert.DedupeKey"/> that is
    /// not closed was last seen within <paramref name="window"/>, adds one to its count and
    /// moves its last-seen time. Returns the alert as stored and whether it is new.
    /// </summary>
    ValueTask<(Alert Alert, bool IsNew)> RaiseAsync(Alert alert, TimeSpan window, CancellationToken cancellationToken);

    ValueTask<Alert?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Alerts matching the query, newest id first (oldest first when <see cref="AlertQuery.AfterId"/> is set).</summary>
    ValueTask<IReadOnlyList<Alert>> QueryAsync(AlertQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="updated"/> (status, resolution, its last history entry) if the stored
    /// alert is still at version <c>updated.Version - 1</c>; false if someone changed it meanwhile.
    /// </summary>
    ValueTask<bool> TryUpdateAsync(Alert updated, CancellationToken cancellationToken);
}
