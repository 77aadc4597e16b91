using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Web.Tests.Security;

/// <summary>Sign-in lockout, the per-address sign-in limit, and the limit on wrong API keys, through the real pipeline.</summary>
public sealed class ThrottlingTests : IClassFixture<ThrottlingTests.LimitedFactory>
{
    private readonly LimitedFactory _factory;

    public ThrottlingTests(LimitedFactory factory) => _factory = factory;

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_one_and_say_until_when()
    {
        var client = _factory.ClientFrom("198.51.100.10");
        for (var i = 1; i < LimitedFactory.MaxFailures; i++)
            Assert.Contains("is not right", await FormAnswer(client, "harbour", "wrong-" + i));

        var locking = await FormAnswer(client, "harbour", "wrong-last");
        Assert.Contains("locked after 3 wrong passwords", locking);
        Assert.Matches(@"Try again after \d\d:\d\d UTC \(in 1[45] minutes\)", locking);

        // The right password does not get in while the lock lasts, and no cookie is issued.
        var (answer, _) = await ManualCookies.SignInAsync(client, "harbour");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("locked after 3 wrong passwords", await answer.Content.ReadAsStringAsync());
        Assert.DoesNotContain(ManualCookies.SetCookies(answer), c => c.StartsWith("DrugTrace.SignIn=", StringComparison.Ordinal));
        Assert.NotNull(LockedUntil("harbour"));

        // Another account is not affected.
        var (other, _) = await ManualCookies.SignInAsync(client, "medline");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task A_right_password_before_the_limit_clears_the_count()
    {
        var client = _factory.ClientFrom("198.51.100.11");
        for (var round = 0; round < 2; round++)
        {
            for (var i = 1; i < LimitedFactory.MaxFailures; i++)
                Assert.Contains("is not right", await FormAnswer(client, "sanmarco", "wrong"));
            var (ok, _) = await ManualCookies.SignInAsync(client, "sanmarco");
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
        Assert.Null(LockedUntil("sanmarco"));
    }

    [Fact]
    public async Task One_address_gets_a_limited_number_of_sign_in_attempts_and_then_429_with_Retry_After()
    {
        var client = _factory.ClientFrom("198.51.100.12");
        HttpResponseMessage? refused = null;
        for (var i = 0; i < LimitedFactory.SignInsPerMinute + 1; i++)
            (refused, _) = await ManualCookies.SignInAsync(client, "user" + i, "whatever");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused!.StatusCode);
        Assert.True(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync());

        // The right password from that address waits too; another address signs in.
        var (blocked, _) = await ManualCookies.SignInAsync(client, "atlas");
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        var (elsewhere, _) = await ManualCookies.SignInAsync(_factory.ClientFrom("198.51.100.13"), "atlas");
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Wrong_API_keys_from_one_address_get_429_with_Retry_After_while_a_valid_key_keeps_working()
    {
        var client = _factory.ClientFrom("198.51.100.20");
        for (var i = 0; i < LimitedFactory.FailedKeysPerMinute; i++)
            await Api.ProblemAsync(await Get(client, "wrong-key-" + i), HttpStatusCode.Unauthorized);

        var limited = await Get(client, "wrong-key-again");
        var problem = await Api.ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Contains("wrong API key", problem.GetProperty("detail").GetString());
        Assert.True(int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) > 0);

        // The party's own valid key from the same address is answered as usual.
        Assert.Equal(HttpStatusCode.OK, (await Get(client, Demo.PharmacyKey)).StatusCode);
        // Another address still gets a plain 401 for a wrong key.
        await Api.ProblemAsync(await Get(_factory.ClientFrom("198.51.100.21"), "wrong"), HttpStatusCode.Unauthorized);
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/products");
        request.Headers.Add("X-Api-Key", key);
        return client.SendAsync(request);
    }

    private static async Task<string> FormAnswer(HttpClient client, string user, string password)
    {
        var (answer, _) = await ManualCookies.SignInAsync(client, user, password);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }

    private long? LockedUntil(string user)
    {
        using var connection = new SqliteConnection($"Data Source={_factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT locked_until FROM users WHERE user_name = $u";
        command.Parameters.AddWithValue("$u", user);
        return command.ExecuteScalar() is long l ? l : null;
    }

    public sealed class LimitedFactory : DrugTraceFactory
    {
        public const int MaxFailures = 3;
        public const int SignInsPerMinute = 8;
        public const int FailedKeysPerMinute = 4;

        public HttpClient ClientFrom(string peer) =>
            new(Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(peer))) { BaseAddress = new Uri("http://localhost") };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SignIn:MaxFailedAttempts", MaxFailures.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Security:SignInAttemptsPerMinute", SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Security:FailedApiKeysPerMinute", FailedKeysPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
