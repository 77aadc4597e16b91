using DrugTrace.Domain.Parties;
using DrugTrace.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace DrugTrace.Web.Alerts;

/// <summary>
/// The live alert feed. A connection joins one group from its authenticated identity only:
/// <c>regulators</c> for a regulator, else <c>party:{gln}</c> for its own party (a regulator in
/// both would get every alert it raised twice). There is no hub method to join a group, so no
/// client can listen in on another party.
/// </summary>
[Authorize]
public sealed class AlertsHub : Hub<IAlertsClient>
{
    public const string Path = "/hubs/alerts";
    public const string Regulators = "regulators";

    public static string PartyGroup(string gln) => $"party:{gln}";

    /// <summary>The one group a connection is in.</summary>
    public static string GroupOf(bool regulator, string gln) => regulator ? Regulators : PartyGroup(gln);

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(user.IsInRole(nameof(PartyRole.Regulator)), user.GlnOf()));
        await base.OnConnectedAsync();
    }
}
