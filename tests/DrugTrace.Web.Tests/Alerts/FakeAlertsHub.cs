using System.Collections.Concurrent;
using DrugTrace.Web.Alerts;
using Microsoft.AspNetCore.SignalR;

namespace DrugTrace.Web.Tests.Alerts;

/// <summary>
/// The alerts hub's context with its connections replaced by <see cref="FakeAlertsListener"/>s: what the push
/// loop sends to a connection goes to that listener, which may hold every send up until it is released.
/// </summary>
public sealed class FakeAlertsHub : IHubContext<AlertsHub, IAlertsClient>
{
    private readonly Connections _connections = new();

    public FakeAlertsListener Add(string connectionId, bool stuck = false) => _connections.Listeners[connectionId] = new FakeAlertsListener(stuck);

    public IHubClients<IAlertsClient> Clients => _connections;

    public IGroupManager Groups => throw new NotSupportedException("The push loop does not use SignalR groups.");

    private sealed class Connections : IHubClients<IAlertsClient>
    {
        public ConcurrentDictionary<string, FakeAlertsListener> Listeners { get; } = new(StringComparer.Ordinal);

        public IAlertsClient Client(string connectionId) =>
            Listeners.TryGetValue(connectionId, out var listener) ? listener : throw new InvalidOperationException($"No connection {connectionId}.");

        public IAlertsClient All => throw new NotSupportedException();

        public IAlertsClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IAlertsClient Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();

        public IAlertsClient Group(string groupName) => throw new NotSupportedException();

        public IAlertsClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IAlertsClient Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();

        public IAlertsClient User(string userId) => throw new NotSupportedException();

        public IAlertsClient Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();
    }
}
