using System.Net;
using DrugTrace.Web.Alerts;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace DrugTrace.Web.Tests.Security;

/// <summary>The alert hub with the real SignalR client: ?access_token= and Bearer keys, and the Origin check for cookie sessions.</summary>
[Collection(ApiCollection.Name)]
public sealed class HubSecurityTests(DrugTraceFactory factory)
{
    private Uri Hub(string query = "") => new(factory.Server.BaseAddress, AlertsHub.Path + query);

    [Fact]
    public async Task A_key_in_access_token_connects_a_long_polling_client_as_its_party_and_it_receives_its_alerts()
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(Hub("?access_token=" + Demo.RegulatorKey), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var raised = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<System.Text.Json.JsonElement>("alertRaised", a => raised.TrySetResult(a.GetProperty("scannedCode").GetString()!));
        await connection.StartAsync();
        Assert.Equal(HubConnectionState.Connected, connection.State);
        await AlertListener.JoinedAsync(connection);

        // A regulator's connection is in the regulators group: a pharmacy's suspicious scan reaches it.
        var code = "(01)04012345000115(17)291231(10)HUB" + Random.Shared.Next(1000, 9999) + "(21)NOSUCHSERIAL";
        await Api.ScanAsync(factory.ClientFor(Demo.PharmacyKey), code, "verify");
        Assert.Equal(code, await raised.Task.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_key_in_access_token_opens_a_WebSocket_as_a_browser_client_would()
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(Hub("?access_token=" + Demo.PharmacyKey), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = (context, ct) => new ValueTask<System.Net.WebSockets.WebSocket>(factory.Server.CreateWebSocketClient().ConnectAsync(context.Uri, ct));
            })
            .Build();
        await connection.StartAsync();
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task The_access_token_provider_of_the_client_works_and_a_wrong_key_is_refused()
    {
        await using var good = Build(o => o.AccessTokenProvider = () => Task.FromResult<string?>(Demo.WholesalerKey));
        await good.StartAsync();
        Assert.Equal(HubConnectionState.Connected, good.State);

        await using var wrong = new HubConnectionBuilder()
            .WithUrl(Hub("?access_token=not-a-key"), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => wrong.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_cookie_session_connects_from_this_site_and_is_refused_from_a_foreign_Origin()
    {
        var (_, cookies) = await ManualCookies.SignInAsync(factory.CreateClient(new() { AllowAutoRedirect = false }), "nmva");

        await using var own = Build(o =>
        {
            o.Headers["Cookie"] = cookies;
            o.Headers["Origin"] = "http://localhost";
        });
        await own.StartAsync();
        Assert.Equal(HubConnectionState.Connected, own.State);

        await using var foreign = Build(o =>
        {
            o.Headers["Cookie"] = cookies;
            o.Headers["Origin"] = "https://evil.example";
        });
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => foreign.StartAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_cookie_WebSocket_upgrade_from_a_foreign_Origin_is_refused()
    {
        var (_, cookies) = await ManualCookies.SignInAsync(factory.CreateClient(new() { AllowAutoRedirect = false }), "nmva");
        var client = factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = r =>
        {
            r.Headers["Cookie"] = cookies;
            r.Headers["Origin"] = "https://evil.example";
        };
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(new Uri(factory.Server.BaseAddress, AlertsHub.Path), default));
        Assert.Contains("403", refused.Message);

        var own = factory.Server.CreateWebSocketClient();
        own.ConfigureRequest = r =>
        {
            r.Headers["Cookie"] = cookies;
            r.Headers["Origin"] = "http://localhost";
        };
        using var socket = await own.ConnectAsync(new Uri(factory.Server.BaseAddress, AlertsHub.Path), default);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, socket.State);
    }

    private HubConnection Build(Action<HttpConnectionOptions> configure) =>
        new HubConnectionBuilder()
            .WithUrl(Hub(), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                configure(o);
            })
            .Build();
}
