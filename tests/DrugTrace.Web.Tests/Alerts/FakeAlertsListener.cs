using DrugTrace.Application.Alerts;
using DrugTrace.Web.Alerts;

namespace DrugTrace.Web.Tests.Alerts;

/// <summary>
/// One connection of <see cref="FakeAlertsHub"/>: keeps what it is sent, in order. A stuck one does not
/// complete a send (as a client that stopped reading fills its socket) until <see cref="Release"/>.
/// </summary>
public sealed class FakeAlertsListener(bool stuck) : IAlertsClient
{
    private readonly TaskCompletionSource _released = NewSignal(!stuck);
    private readonly List<object> _received = [];
    private TaskCompletionSource _changed = NewSignal(false);

    public IReadOnlyList<object> Received { get { lock (_received) return [.. _received]; } }

    public void Release() => _released.TrySetResult();

    public Task alertRaised(PushedAlert alert) => KeepAsync(alert.Alert);

    public Task alertUpdated(PushedAlert alert) => KeepAsync(alert.Alert);

    public Task alertsMissed(AlertsMissed missed) => KeepAsync(missed);

    /// <summary>Waits until what was received satisfies <paramref name="done"/>; fails after 60 s, a bound on failure only.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<object>, bool> done)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            Task changed;
            lock (_received)
            {
                if (done(_received)) return;
                changed = _changed.Task;
            }
            await changed.WaitAsync(bound.Token);
        }
    }

    private async Task KeepAsync(object push)
    {
        TaskCompletionSource changed;
        lock (_received)
        {
            _received.Add(push);
            changed = _changed;
            _changed = NewSignal(false);
        }
        changed.SetResult();
        await _released.Task;
    }

    private static TaskCompletionSource NewSignal(bool set)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (set) signal.SetResult();
        return signal;
    }
}
