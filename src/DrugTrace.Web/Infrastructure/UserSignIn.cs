using System.Security.Claims;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Parties;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace DrugTrace.Web.Infrastructure;

/// <summary>Checks a user name and password and makes the cookie principal: the user, their party's GLN, name and role.</summary>
public sealed class UserSignIn(IUserStore users, PartyDirectory parties, IPasswordHasher<UserAccount> hasher)
{
    // Checked against when the user does not exist, so that a wrong name takes as long as a wrong password.
    private static readonly UserAccount Nobody = new("", "", "", "");
    private readonly Lazy<string> _nobodyHash = new(() => hasher.HashPassword(Nobody, Guid.NewGuid().ToString()));

    public async Task<ClaimsPrincipal?> CheckAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) return null;
        var user = await users.FindAsync(userName, cancellationToken);
        var result = hasher.VerifyHashedPassword(user ?? Nobody, user?.PasswordHash ?? _nobodyHash.Value, password);
        if (user is null || result == PasswordVerificationResult.Failed) return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            await users.UpdatePasswordHashAsync(user.UserName, hasher.HashPassword(user, password), cancellationToken);

        var party = await parties.FindAsync(user.PartyGln, cancellationToken);
        if (party is null) return null;
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.UserName),
            new Claim(ClaimTypes.Name, user.DisplayName),
            new Claim(PartyClaims.Gln, party.Gln),
            new Claim(SignedInUser.PartyNameClaim, party.Name),
            new Claim(ClaimTypes.Role, party.Role.ToString()),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        return new ClaimsPrincipal(identity);
    }
}
