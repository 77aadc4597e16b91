using System.Net;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Components;

/// <summary>Every page checks sign-in and role on the server, whatever the menu shows.</summary>
[Collection(ApiCollection.Name)]
public sealed class PageAccessTests(DrugTraceFactory factory)
{
    private const string Product = "04012345000115";
    private const string Lot = "AMX24A17";

    public static TheoryData<string> SignedInPages =>
    [
        "/", "/scan", "/packs/04012345000115/ANYSERIAL", "/manufacturer/products", $"/manufacturer/products/{Product}",
        $"/manufacturer/products/{Product}/lots/{Lot}", "/regulator/packs", "/regulator/audit",
        "/regulator/alerts", "/regulator/exceptions", "/regulator/dashboard", "/alerts", "/alerts/1", "/stock", "/shipments/incoming", "/shipments/outgoing",
    ];

    public static TheoryData<string, string> RefusedPages => new()
    {
        { "linden", "/manufacturer/products" },
        { "linden", $"/manufacturer/products/{Product}" },
        { "linden", $"/manufacturer/products/{Product}/lots/{Lot}" },
        { "linden", "/regulator/packs" },
        { "linden", "/regulator/audit" },
        { "atlas", "/manufacturer/products" },
        { "atlas", "/regulator/audit" },
        { "helvetia", "/regulator/packs" },
        { "helvetia", "/regulator/audit" },
        { "linden", "/regulator/alerts" },
        { "linden", "/regulator/exceptions" },
        { "helvetia", "/regulator/exceptions" },
        { "linden", "/regulator/dashboard" },
        { "atlas", "/regulator/alerts" },
        { "atlas", "/regulator/dashboard" },
        { "helvetia", "/regulator/alerts" },
        { "helvetia", "/regulator/dashboard" },
        { "nmva", "/alerts" },
        { "nmva", "/stock" },
        { "nmva", "/shipments/incoming" },
        { "nmva", "/manufacturer/products" },
        { "nmva", $"/manufacturer/products/{Product}" },
    };

    public static TheoryData<string, string> AllowedPages => new()
    {
        { "linden", "/" },
        { "linden", "/scan" },
        { "atlas", "/scan" },
        { "helvetia", "/scan" },
        { "helvetia", "/manufacturer/products" },
        { "helvetia", $"/manufacturer/products/{Product}" },
        { "helvetia", $"/manufacturer/products/{Product}/lots/{Lot}" },
        { "nmva", "/scan" },
        { "nmva", "/regulator/packs" },
        { "nmva", "/regulator/audit" },
        { "nmva", "/regulator/alerts" },
        { "nmva", "/regulator/exceptions" },
        { "nmva", "/regulator/dashboard" },
        { "nmva", "/alerts/999999999" },
        { "linden", "/alerts" },
        { "linden", "/stock" },
        { "linden", "/shipments/incoming" },
        { "atlas", "/shipments/outgoing" },
        { "helvetia", "/stock" },
        { "linden", "/alerts/999999999" },
        { "atlas", "/alerts" },
        { "helvetia", "/alerts" },
        { "nmva", $"/manufacturer/products/{Product}/lots/{Lot}" },
    };

    [Theory]
    [MemberData(nameof(SignedInPages))]
    public async Task Without_sign_in_every_page_redirects_to_sign_in(string path)
    {
        var response = await Browser.Anonymous(factory).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin?ReturnUrl=", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(RefusedPages))]
    public async Task A_wrong_role_is_refused_at_the_page(string user, string path)
    {
        var client = await Browser.SignedInAsync(factory, user);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/access-denied", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(AllowedPages))]
    public async Task The_right_role_gets_the_page(string user, string path)
    {
        var client = await Browser.SignedInAsync(factory, user);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_and_the_feed_show_a_fresh_alert_and_its_scan()
    {
        var (gtin, lot, expiry, _) = await Api.NewLotAsync(factory.ClientFor(Demo.ManufacturerKey), 1);
        var outcome = await Api.ScanAsync(factory.ClientFor(Demo.PharmacyKey), Api.Code(gtin, "DASH0000001", lot, expiry), "verify");
        Assert.Equal("alert", outcome.Verdict());
        var id = outcome.GetProperty("alerts")[0].GetProperty("id").GetString();
        var client = await Browser.SignedInAsync(factory, "nmva");

        var dashboard = await client.GetStringAsync("/regulator/dashboard");
        var scans = System.Text.RegularExpressions.Regex.Match(dashboard, "data-testid=\"scan-total\"[^>]*>(\\d+)<");
        Assert.True(scans.Success && int.Parse(scans.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, "no scans counted in the last 24 hours");
        Assert.Contains("Scans per hour", dashboard);

        var feed = await client.GetStringAsync("/regulator/alerts");
        Assert.Contains($"data-alert-id=\"{id}\"", feed);
        var detail = await client.GetStringAsync($"/alerts/{id}");
        Assert.Contains("DASH0000001", detail);
        Assert.Contains("NMVS_NC_PC_02", detail);
    }

    [Fact]
    public async Task The_app_bar_names_the_party_and_role()
    {
        var client = await Browser.SignedInAsync(factory, "linden");
        var html = await client.GetStringAsync("/scan");
        Assert.Contains("Linden-Apotheke", html);
        Assert.Contains("Pharmacy", html);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_words_and_sets_no_cookie()
    {
        var client = Browser.Anonymous(factory);

        var response = await Browser.SignInAsync(client, "linden", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The user name or password is not right", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/scan")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_without_the_anti_forgery_token_is_refused()
    {
        var response = await Browser.Anonymous(factory).PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Input.UserName"] = "linden",
            ["Input.Password"] = Browser.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sign_in_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        var client = Browser.Anonymous(factory);
        var token = await Browser.AntiforgeryTokenAsync(client, "/signin");
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "linden",
            ["Input.Password"] = Browser.DemoPassword,
        };
        var local = await client.PostAsync("/signin?ReturnUrl=%2Fscan", new FormUrlEncodedContent(form));
        Assert.Equal(new Uri("http://localhost/scan"), new Uri(client.BaseAddress!, local.Headers.Location!));

        var other = Browser.Anonymous(factory);
        form["__RequestVerificationToken"] = await Browser.AntiforgeryTokenAsync(other, "/signin");
        var evil = await other.PostAsync("/signin?ReturnUrl=%2F%2Fevil.example", new FormUrlEncodedContent(form));
        Assert.Equal(new Uri("http://localhost/"), new Uri(other.BaseAddress!, evil.Headers.Location!));
    }

    [Fact]
    public async Task Sign_out_needs_the_token_and_then_ends_the_session()
    {
        var client = await Browser.SignedInAsync(factory, "linden");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/signout", new FormUrlEncodedContent([]))).StatusCode);

        var token = await Browser.AntiforgeryTokenAsync(client, "/signin");
        var response = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/scan")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_cookie_does_not_open_the_API()
    {
        var client = await Browser.SignedInAsync(factory, "nmva");

        var response = await client.GetAsync("/api/v1/audit");

        await Api.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
