using DrugTrace.Domain.Parties;
using DrugTrace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// The live alert feed. A connection is in one audience from its authenticated identity only:
/// <c>regulators</c> for a regulator, else <c>party:{gln}</c> for its own party (a regulator in
/// both would get every alert it raised twice). There is no hub method to choose one, so no
/// client can listen in on another party. Pushes go through <see cref="AlertListeners"/>.
/// </summary>
[Authorize]
public sealed class AlertsHub(AlertListeners listeners) : Hub<IAlertsClient>
{
    public const string Path = "/hubs/alerts";
    public const string Regulators = "regulators";

    public static string PartyGroup(string gln) => $"party:{gln}";

    /// <summary>The one audience a connection is in.</summary>
    public static string GroupOf(bool regulator, string gln) => regulator ? Regulators : PartyGroup(gln);

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        listeners.Connect(Context.ConnectionId, GroupOf(user.IsInRole(nameof(PartyRole.Regulator)), user.GlnOf()));
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        listeners.Disconnect(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }
}
