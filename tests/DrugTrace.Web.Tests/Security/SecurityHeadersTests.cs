using System.Net;
using System.Text.RegularExpressions;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Security;

/// <summary>The headers every answer carries, and the CSP chosen for pages, API answers and labels.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class SecurityHeadersTests(DrugTraceFactory factory)
{
    [Fact]
    public async Task A_page_has_a_real_CSP_without_inline_script_and_the_common_headers()
    {
        var response = await Browser.Anonymous(factory).GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertCommon(response);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var script = Directive(csp, "script-src");
        Assert.Equal("'self' 'wasm-unsafe-eval'", script);
        Assert.Equal("'self'", Directive(csp, "default-src"));
        Assert.Equal("'none'", Directive(csp, "frame-ancestors"));
        Assert.Equal("'none'", Directive(csp, "object-src"));
        Assert.Equal("'self'", Directive(csp, "form-action"));

        // Every script the page loads is a file of this site: none inline, so nothing a user typed can run.
        var html = await response.Content.ReadAsStringAsync();
        var scripts = ScriptTag().Matches(html);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, m => Assert.Matches("src=\"[^\"/:]", m.Value));
    }

    [Fact]
    public async Task An_API_answer_and_an_API_error_carry_a_restrictive_CSP_and_nosniff()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        foreach (var response in new[] { await manufacturer.GetAsync("/api/v1/products"), await manufacturer.GetAsync("/api/v1/lots/04012345000115/NOSUCH/packs") })
        {
            AssertCommon(response);
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Equal("'none'", Directive(csp, "default-src"));
            Assert.NotNull(Directive(csp, "sandbox"));
        }
    }

    [Fact]
    public async Task The_label_SVG_and_the_label_sheet_are_served_with_a_CSP_that_allows_no_script_and_no_fetch()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, _, serials) = await Api.NewLotAsync(manufacturer, 2);
        foreach (var path in new[] { $"/api/v1/packs/{gtin}/{serials[0]}/label.svg", $"/api/v1/lots/{gtin}/{lot}/labels" })
        {
            var response = await manufacturer.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertCommon(response);
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Equal("'none'", Directive(csp, "default-src"));
            Assert.Null(Directive(csp, "script-src"));
            Assert.Null(Directive(csp, "connect-src"));
            Assert.Equal("'unsafe-inline'", Directive(csp, "style-src"));
            Assert.NotNull(Directive(csp, "sandbox"));
        }
    }

    [Fact]
    public async Task HSTS_is_sent_over_https_and_not_over_plain_http()
    {
        var https = factory.CreateClient(new() { BaseAddress = new Uri("https://drugtrace.example/") });
        var secure = await https.GetAsync("/signin");
        Assert.Equal("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));

        var plain = await Browser.Anonymous(factory).GetAsync("/signin");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    private static void AssertCommon(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    /// <summary>The sources of one directive, or null when the policy does not have it.</summary>
    private static string? Directive(string csp, string name) =>
        csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(d => d == name || d.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(d => d[name.Length..].Trim())
            .FirstOrDefault();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
