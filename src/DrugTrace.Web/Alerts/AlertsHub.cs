using DrugTrace.Domain.Parties;
using DrugTrace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// The live alert feed. A connection joins its groups from its authenticated identity only:
/// <c>regulators</c> for a regulator, and <c>party:{gln}</c> for its own party. There is no
/// hub method to join a group, so no client can listen in on another party.
/// </summary>
[Authorize]
public sealed class AlertsHub : Hub<IAlertsClient>
{
    public const string Path = "/hubs/alerts";
    public const string Regulators = "regulators";

    public static string PartyGroup(string gln) => $"party:{gln}";

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        if (user.IsInRole(nameof(PartyRole.Regulator)))
            await Groups.AddToGroupAsync(Context.ConnectionId, Regulators);
        await Groups.AddToGroupAsync(Context.ConnectionId, PartyGroup(user.GlnOf()));
        await base.OnConnectedAsync();
    }
}
