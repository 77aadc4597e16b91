namespace DrugTrace.Application.Alerts;

/// <summary>
/// Registered by a store that itself delivers every committed alert change, from every instance,
/// to <see cref="IAlertChangeSink"/> (MongoDB: a change stream on the alerts collection).
/// When one is registered, the in-process <see cref="AlertRaised"/> / <see cref="AlertUpdated"/>
/// notifications must not also be pushed, or this instance's listeners would get each alert twice:
/// once from the notification and once from the feed. Without one (SQLite, one instance) the
/// in-process notifications are the push source.
/// </summary>
public interface IAlertChangeFeed
{
    /// <summary>What the feed is, for logs and the health page.</summary>
    string Description { get; }
}
