using System.Security.Claims;
using Bunit;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Alerts;
using DrugTrace.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>A bUnit context with MudBlazor's services, loose JS interop and a signed-in party.</summary>
public class UiContext : BunitContext, IAsyncLifetime
{
    public UiContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // bUnit waits 1 s by default, which a loaded 2-core machine overruns: waits end on the
        // assertion passing, so a generous ceiling costs nothing when things are quick.
        DefaultWaitTimeout = TimeSpan.FromSeconds(30);
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<AlertBroadcaster>();
        Services.AddScoped<UnseenAlerts>();
        Services.AddScoped<CircuitConnection>();
        Services.AddSingleton(new DrugTrace.Web.Scanning.PhotoReader(Microsoft.Extensions.Options.Options.Create(new DrugTrace.Web.Scanning.ScanningOptions())));
    }

    /// <summary>The real broadcaster the components subscribe to: publish to it to push an alert.</summary>
    public AlertBroadcaster Broadcaster => Services.GetRequiredService<AlertBroadcaster>();

    public FakeUseCases UseCases { get; } = new();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only async-disposable.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    /// <summary>Uses the fake use cases (call before rendering).</summary>
    public UiContext WithFakeUseCases()
    {
        Services.AddSingleton<IUseCases>(UseCases);
        return this;
    }

    public UiContext SignedInAs(PartyRole role, string gln, string partyName = "Test party", string userName = "Test user")
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(userName);
        auth.SetRoles(role.ToString());
        auth.SetClaims(new Claim(PartyClaims.Gln, gln), new Claim(SignedInUser.PartyNameClaim, partyName));
        return this;
    }
}
