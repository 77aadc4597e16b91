using System.Security.Claims;
using System.Text.Encodings.Web;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Parties;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DrugTrace.Web.Infrastructure;

/// <summary>Authenticates a party by the <c>X-Api-Key</c> header; keys are compared by their SHA-256 hash.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PartyDirectory parties,
    AttemptLimits limits)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = KeyOf(Request);
        if (string.IsNullOrWhiteSpace(key))
            return AuthenticateResult.NoResult();
        var party = await parties.FindByApiKeyHashAsync(ApiKeys.Hash(key.Trim()), Context.RequestAborted);
        if (party is null)
        {
            // A valid key is never held up; only failures count against the address.
            if (limits.FailedApiKey(Context) is { } wait) Context.Items[RetryAfterItem] = wait;
            return AuthenticateResult.Fail("The API key is not valid.");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(PartyClaims.Gln, party.Gln),
            new Claim(ClaimTypes.Name, party.Name),
            new Claim(ClaimTypes.Role, party.Role.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>
    /// The key of a request: the X-Api-Key header; on the hubs also <c>?access_token=</c> (browsers cannot set
    /// headers on a WebSocket) and <c>Authorization: Bearer</c> (what SignalR clients send from AccessTokenProvider).
    /// </summary>
    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers[HeaderName].ToString() is { Length: > 0 } header) return header;
        if (!request.Path.StartsWithSegments("/hubs")) return null;
        if (request.Query["access_token"].ToString() is { Length: > 0 } token) return token;
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    /// <summary>Whether a request goes to this scheme rather than the sign-in cookie: the APIs (/api, /vrs, /epcis), and any request that carries a key.</summary>
    public static bool CarriesKey(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/vrs") || request.Path.StartsWithSegments("/epcis")
        || !string.IsNullOrWhiteSpace(KeyOf(request));

    private const string RetryAfterItem = "DrugTrace.ApiKey.RetryAfter";

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RetryAfterItem] is TimeSpan wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = AttemptLimits.RetryAfterSeconds(wait);
            await Results.Problem(statusCode: 429, title: "Too many wrong API keys",
                detail: $"Too many requests with a wrong API key came from your address. Wait {AttemptLimits.RetryAfterSeconds(wait)} s and try again with a valid key.")
                .ExecuteAsync(Context);
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Results.Problem(
            statusCode: 401,
            title: "Not signed in",
            detail: !string.IsNullOrWhiteSpace(KeyOf(Request))
                ? "The X-Api-Key header does not hold a valid API key."
                : "Send your party's API key in the X-Api-Key header.").ExecuteAsync(Context);
    }
}
