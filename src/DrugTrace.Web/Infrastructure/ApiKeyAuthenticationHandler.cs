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
    PartyDirectory parties)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[HeaderName].ToString();
        // Browsers cannot set headers on a WebSocket, so the hub also takes the key as SignalR sends it, access_token.
        if (string.IsNullOrWhiteSpace(key) && Request.Path.StartsWithSegments("/hubs"))
            key = Request.Query["access_token"].ToString();
        if (string.IsNullOrWhiteSpace(key))
            return AuthenticateResult.NoResult();
        var party = await parties.FindByApiKeyHashAsync(ApiKeys.Hash(key.Trim()), Context.RequestAborted);
        if (party is null) return AuthenticateResult.Fail("The API key is not valid.");
        var identity = new ClaimsIdentity(
        [
            new Claim(PartyClaims.Gln, party.Gln),
            new Claim(ClaimTypes.Name, party.Name),
            new Claim(ClaimTypes.Role, party.Role.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Results.Problem(
            statusCode: 401,
            title: "Not signed in",
            detail: Request.Headers.ContainsKey(HeaderName) || Request.Query.ContainsKey("access_token")
                ? "The X-Api-Key header does not hold a valid API key."
                : "Send your party's API key in the X-Api-Key header.").ExecuteAsync(Context);
    }
}
