using DrugTrace.Domain.Alerts;

namespace DrugTrace.Application.Alerts;

/// <summary>
/// Receives committed alert changes that this instance must push to its own listeners (SignalR
/// groups and Blazor components). A store with a change feed (<see cref="IAlertChangeFeed"/>)
/// calls it for every alert raised or updated on any instance; the host implements it.
/// </summary>
public interface IAlertChangeSink
{
    /// <param name="isNew">True for a newly raised alert, false for an update (status, or a repeat count milestone).</param>
    ValueTask AcceptAsync(Alert alert, bool isNew, CancellationToken cancellationToken);
}
