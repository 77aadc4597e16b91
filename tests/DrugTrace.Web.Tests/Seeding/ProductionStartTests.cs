using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DrugTrace.Web.Tests.Seeding;

/// <summary>What a production start does with an empty store: no demo credentials, a one-time bootstrap of the first regulator.</summary>
public sealed class ProductionStartTests
{
    private const string BootstrapKey = "bootstrap-0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task A_production_start_on_an_empty_store_creates_no_party_and_the_published_keys_open_nothing()
    {
        using var factory = new ProductionFactory();
        var regulator = factory.ClientFor(Demo.RegulatorKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await regulator.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ClientFor(Demo.ManufacturerKey).GetAsync("/api/v1/products")).StatusCode);
        Assert.Empty(await factory.Services.GetRequiredService<IPartyStore>().ListAsync(default));
        Assert.Equal(0, await factory.Services.GetRequiredService<IUserStore>().CountAsync(default));
        Assert.Contains(factory.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("Bootstrap__RegulatorKey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seed_Demo_loads_the_demo_data_in_production_and_says_loudly_that_published_credentials_are_live()
    {
        using var factory = new ProductionFactory(demo: true);
        var audit = await factory.ClientFor(Demo.RegulatorKey).GetAsync("/api/v1/audit");

        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Contains(factory.Log.Lines, l => l.Level == LogLevel.Critical && l.Message.Contains("LIVE", StringComparison.Ordinal)
            && l.Message.Contains("Seed:Demo=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_one_time_key_bootstraps_the_first_regulator_once_and_never_again()
    {
        using var factory = new ProductionFactory(bootstrapKey: BootstrapKey);
        var anonymous = factory.CreateClient();
        var parties = factory.Services.GetRequiredService<IPartyStore>();
        var body = new { gln = "4012349000012", name = "National Medicines Verification Authority" };

        // A wrong key: 401, nothing stored.
        var wrong = await Bootstrap(anonymous, BootstrapKey + "x", body);
        await Api.ProblemAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.Empty(await parties.ListAsync(default));
        await Api.ProblemAsync(await Bootstrap(anonymous, null, body), HttpStatusCode.Unauthorized);
        Assert.Empty(await parties.ListAsync(default));

        var first = await Bootstrap(anonymous, BootstrapKey, body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        var apiKey = created.GetProperty("apiKey").GetString()!;
        Assert.NotEqual(BootstrapKey, apiKey);
        Assert.Equal("Regulator", created.GetProperty("party").GetProperty("role").GetString());

        // The new regulator's key works, and it onboards the next party.
        var regulator = factory.ClientFor(apiKey);
        Assert.Equal(HttpStatusCode.OK, (await regulator.GetAsync("/api/v1/audit")).StatusCode);

        // The same key a second time (also for another GLN): refused, nothing more stored.
        var again = await Bootstrap(anonymous, BootstrapKey, new { gln = "4012349000029", name = "A second authority" });
        var problem = await Api.ProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Contains("already", problem.GetProperty("detail").GetString());
        Assert.Single(await parties.ListAsync(default));
    }

    [Fact]
    public void A_short_bootstrap_key_stops_the_start_with_a_clear_message()
    {
        using var factory = new ProductionFactory(bootstrapKey: "too-short");
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Bootstrap:RegulatorKey must be at least 32 characters", Flatten(error));
    }

    [Fact]
    public void Production_without_Labels_DigitalLinkBase_refuses_to_start_and_says_which_setting()
    {
        using var factory = new ProductionFactory(digitalLinkBase: "");
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Labels:DigitalLinkBase must be set", Flatten(error));
    }

    private static Task<HttpResponseMessage> Bootstrap(HttpClient client, string? key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bootstrap") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("X-Bootstrap-Key", key);
        return client.SendAsync(request);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    private sealed class ProductionFactory(bool demo = false, string? bootstrapKey = null, string? digitalLinkBase = null) : DrugTraceFactory
    {
        public CapturedLog Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Seed:Demo", demo ? "true" : "false");
            if (bootstrapKey is not null) builder.UseSetting("Bootstrap:RegulatorKey", bootstrapKey);
            if (digitalLinkBase is not null) builder.UseSetting("Labels:DigitalLinkBase", digitalLinkBase);
            builder.ConfigureLogging(l => l.AddProvider(Log));
        }
    }
}
