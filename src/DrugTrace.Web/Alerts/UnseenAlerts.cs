using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// Counts the new alerts one signed-in user has not seen yet (one per circuit), for the badge
/// in the menu. Probable scanning errors are not counted: the feed hides them by default; nor,
/// for a regulator, custody exceptions, which are in the exceptions view, not the live feed.
/// While the feed is open everything it shows counts as seen.
/// </summary>
public sealed class UnseenAlerts(AlertBroadcaster broadcaster) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<long> _unseen = [];
    private IDisposable? _subscription;
    private int _feedsOpen;
    private bool _regulator;

    public int Count { get { lock (_gate) return _unseen.Count; } }

    /// <summary>Raised (on the broadcaster's thread) when <see cref="Count"/> changed.</summary>
    public event Action? Changed;

    /// <summary>Starts counting for the party; later calls do nothing.</summary>
    public void Start(Party party)
    {
        lock (_gate)
        {
            if (_subscription is not null) return;
            _regulator = party.Role == PartyRole.Regulator;
            _subscription = broadcaster.Subscribe(party, (alert, isNew) =>
            {
                if (isNew) Add(alert);
                return Task.CompletedTask;
            });
        }
    }

    /// <summary>Counts an alert as unseen (by id, so it is counted once however it arrives).</summary>
    public void Add(AlertDto alert)
    {
        if (alert.ProbableScanningError || (_regulator && alert.Kind == nameof(Domain.Alerts.AlertKind.CustodyException))) return;
        lock (_gate)
        {
            if (_feedsOpen > 0 || !_unseen.Add(alert.Id)) return;
        }
        Changed?.Invoke();
    }

    /// <summary>A feed is shown: everything so far is seen, and so is what arrives until <see cref="FeedClosed"/>.</summary>
    public void FeedOpened()
    {
        lock (_gate)
        {
            _feedsOpen++;
            _unseen.Clear();
        }
        Changed?.Invoke();
    }

    public void FeedClosed()
    {
        lock (_gate) _feedsOpen = Math.Max(0, _feedsOpen - 1);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _subscription?.Dispose();
            _subscription = null;
        }
    }
}
