using System.Net;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace DrugTrace.Web.Tests.Security;

/// <summary>
/// Behind the proxy: X-Forwarded-* are believed from ForwardedHeaders:KnownProxies only. The socket
/// peer is set on each in-memory request (documentation addresses, no traffic leaves the process).
/// </summary>
public sealed class ForwardedHeadersTests : IClassFixture<ForwardedHeadersTests.ProxiedFactory>
{
    private const string Proxy = "192.0.2.10";
    private const string Stranger = "203.0.113.7";
    private readonly ProxiedFactory _factory;

    public ForwardedHeadersTests(ProxiedFactory factory) => _factory = factory;

    [Fact]
    public async Task Behind_the_trusted_proxy_each_real_client_has_its_own_public_check_limit()
    {
        var viaProxy = _factory.ClientFrom(Proxy);
        for (var i = 0; i < ProxiedFactory.Permits; i++)
            Assert.Equal(HttpStatusCode.OK, (await Check(viaProxy, "198.51.100.1")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Check(viaProxy, "198.51.100.1")).StatusCode);

        // Another patient behind the same proxy is not held up by the first one.
        Assert.Equal(HttpStatusCode.OK, (await Check(viaProxy, "198.51.100.2")).StatusCode);
    }

    [Fact]
    public async Task From_an_untrusted_peer_forwarded_headers_are_ignored_and_cannot_dodge_the_limit()
    {
        var stranger = _factory.ClientFrom(Stranger);
        for (var i = 0; i < ProxiedFactory.Permits; i++)
            Assert.Equal(HttpStatusCode.OK, (await Check(stranger, $"198.51.100.{50 + i}")).StatusCode);
        // A fresh made-up client address does not buy a fresh bucket.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Check(stranger, "198.51.100.99")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_Secure_when_the_trusted_proxy_was_reached_over_https_and_only_then()
    {
        var (trusted, _) = await ManualCookies.SignInAsync(_factory.ClientFrom(Proxy), "nmva", decorate: Https);
        Assert.Equal(HttpStatusCode.Redirect, trusted.StatusCode);
        var cookie = Assert.Single(ManualCookies.SetCookies(trusted), c => c.StartsWith("DrugTrace.SignIn=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000", Assert.Single(trusted.Headers.GetValues("Strict-Transport-Security")));

        var (spoofed, _) = await ManualCookies.SignInAsync(_factory.ClientFrom(Stranger), "nmva", decorate: Https);
        Assert.Equal(HttpStatusCode.Redirect, spoofed.StatusCode);
        var plain = Assert.Single(ManualCookies.SetCookies(spoofed), c => c.StartsWith("DrugTrace.SignIn=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", plain, StringComparison.OrdinalIgnoreCase);
        Assert.False(spoofed.Headers.Contains("Strict-Transport-Security"));
    }

    private static void Https(HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "drugtrace.example");
    }

    private static Task<HttpResponseMessage> Check(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/01/04012345000115/21/ANY1");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Host", "verify.drugtrace.example");
        return client.SendAsync(request);
    }

    public sealed class ProxiedFactory : DrugTraceFactory
    {
        public const int Permits = 2;

        /// <summary>A client whose requests arrive from <paramref name="peer"/>, as if over a socket from there.</summary>
        public HttpClient ClientFrom(string peer) =>
            new(Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(peer))) { BaseAddress = new Uri("http://localhost") };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
            builder.UseSetting("PublicVerification:PermitsPerMinute", Permits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
