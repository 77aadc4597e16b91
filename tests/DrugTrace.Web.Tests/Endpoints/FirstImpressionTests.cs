using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Endpoints;

/// <summary>What a newcomer meets first: pages for wrong addresses, tab titles, the icon, the API reference.</summary>
[Collection(ApiCollection.Name)]
public sealed class FirstImpressionTests(DrugTraceFactory factory)
{
    [Fact]
    public async Task An_unknown_address_in_a_browser_is_a_page_and_on_the_API_is_ProblemDetails()
    {
        var browser = factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var page = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("There is no such page", html);
        Assert.Contains("<title>Page not found · DrugTrace</title>", html);

        var api = await factory.ClientFor(Demo.RegulatorKey).GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Each_page_has_its_own_tab_title_and_the_site_an_icon()
    {
        var html = await factory.CreateClient().GetStringAsync("/signin");
        // One <title>: the browser shows the first, so a fixed one in the head would hide every page's own.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<title>"));
        Assert.Contains("<title>Sign in · DrugTrace</title>", html);
        Assert.Contains("rel=\"icon\" href=\"favicon.svg\"", html);
        var icon = await factory.CreateClient().GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.StartsWith("<svg", await icon.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_has_a_title_and_the_X_Api_Key_scheme_on_every_API_operation()
    {
        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.Equal("DrugTrace API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Contains("X-Api-Key", document.GetProperty("info").GetProperty("description").GetString());
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/v1", StringComparison.Ordinal)))
            foreach (var operation in path.Value.EnumerateObject())
                Assert.True(operation.Value.TryGetProperty("security", out var security) && security.GetRawText().Contains("ApiKey"), $"{operation.Name} {path.Name}");
    }

    [Fact]
    public async Task The_API_reference_loads_nothing_from_the_internet()
    {
        var html = await factory.CreateClient().GetStringAsync("/scalar/");
        Assert.Contains("<title>DrugTrace API reference</title>", html);
        Assert.Contains("\"withDefaultFonts\":false", html);
        Assert.DoesNotMatch("(src|href)=\"https?://", html);
        Assert.Contains("\"preferredSecurityScheme\":[\"ApiKey\"]", html);
    }

    [Fact]
    public async Task A_failed_sign_in_keeps_the_user_name_but_not_the_password()
    {
        var client = Browser.Anonymous(factory);

        var response = await Browser.SignInAsync(client, "linden", "Wrong-password-123");
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {html}");
        Assert.Contains("not right", html);
        Assert.Contains("value=\"linden\"", html);
        Assert.DoesNotContain("Wrong-password-123", html);
    }
}
