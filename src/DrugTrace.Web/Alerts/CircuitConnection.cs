using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// Tells the components of one circuit when its browser connection drops and comes back
/// (a network blip), so that a live feed can stop listening and, once back, catch up on what
/// it missed meanwhile.
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    public bool IsUp { get; private set; } = true;

    /// <summary>Called with true when the connection is back, false when it dropped.</summary>
    public event Func<bool, Task>? Changed;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => SetAsync(false);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => SetAsync(true);

    /// <summary>Sets the state and tells the listeners (also what tests call to simulate a blip).</summary>
    public async Task SetAsync(bool up)
    {
        if (IsUp == up) return;
        IsUp = up;
        if (Changed is { } changed)
        {
            foreach (var listener in changed.GetInvocationList().Cast<Func<bool, Task>>()) await listener(up);
        }
    }
}
