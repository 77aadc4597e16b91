using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>A real SignalR client of /hubs/alerts that keeps what it is sent.</summary>
public sealed class AlertListener : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Method, JsonElement Alert)> _received = new();
    private readonly SemaphoreSlim _signal = new(0);

    private AlertListener(HubConnection connection)
    {
        Connection = connection;
        connection.On<JsonElement>("alertRaised", a => Keep("alertRaised", a));
        connection.On<JsonElement>("alertUpdated", a => Keep("alertUpdated", a));
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<(string Method, JsonElement Alert)> Received => [.. _received];

    public static async Task<AlertListener> ConnectAsync(DrugTraceFactory factory, string apiKey)
    {
        var listener = new AlertListener(Build(factory, apiKey));
        await listener.Connection.StartAsync();
        await JoinedAsync(listener.Connection);
        return listener;
    }

    /// <summary>
    /// Returns once the server has put the connection in its group. StartAsync returns at the
    /// handshake, which the server sends before it runs the hub's OnConnectedAsync (where the group
    /// is joined); it dispatches the connection's invocations only after that. So one answered
    /// invocation (of a method the hub does not have, answered with an error) is the signal, where an
    /// alert raised straight after StartAsync could otherwise go to a group not yet joined.
    /// </summary>
    public static async Task JoinedAsync(HubConnection connection)
    {
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("joined"));
    }

    public static HubConnection Build(DrugTraceFactory factory, string? apiKey) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/alerts"), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (apiKey is not null) o.Headers["X-Api-Key"] = apiKey;
            })
            .Build();

    /// <summary>Waits until an alert matching <paramref name="match"/> arrives, or fails after 60 s.</summary>
    public async Task<JsonElement> WaitForAsync(Func<string, JsonElement, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            foreach (var (method, alert) in _received)
                if (match(method, alert)) return alert;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _signal.WaitAsync(left))
                throw new TimeoutException("The expected alert did not arrive within 60 s.");
        }
    }

    private void Keep(string method, JsonElement alert)
    {
        _received.Enqueue((method, alert.Clone()));
        _signal.Release();
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _signal.Dispose();
    }
}
