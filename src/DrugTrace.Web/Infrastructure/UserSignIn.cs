using System.Globalization;
using System.Security.Claims;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Parties;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace DrugTrace.Web.Infrastructure;

/// <summary>
/// Checks a user name and password and makes the cookie principal: the user, their party's GLN, name and role.
/// After <c>SignIn:MaxFailedAttempts</c> wrong passwords in a row (default 5) the account is locked for
/// <c>SignIn:LockoutMinutes</c> (default 15), as ASP.NET Core Identity's lockout does; a locked account is
/// refused without checking the password at all.
/// </summary>
public sealed class UserSignIn(IUserStore users, PartyDirectory parties, IPasswordHasher<UserAccount> hasher, IConfiguration configuration, TimeProvider clock)
{
    public const string WrongDetails = "The user name or password is not right. Check them and try again.";

    // Checked against when the user does not exist, so that a wrong name takes as long as a wrong password.
    private static readonly UserAccount Nobody = new("", "", "", "");
    private readonly Lazy<string> _nobodyHash = new(() => hasher.HashPassword(Nobody, Guid.NewGuid().ToString()));
    private readonly int _maxFailures = Math.Max(1, configuration.GetValue("SignIn:MaxFailedAttempts", 5));
    private readonly TimeSpan _lockout = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("SignIn:LockoutMinutes", 15)));

    public async Task<SignInAttempt> CheckAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) return SignInAttempt.Refused(WrongDetails);
        var now = clock.GetUtcNow();
        var user = await users.FindAsync(userName, cancellationToken);
        if (user?.LockedUntil is { } lockedUntil && lockedUntil > now) return SignInAttempt.Refused(Locked(lockedUntil, now));

        var result = hasher.VerifyHashedPassword(user ?? Nobody, user?.PasswordHash ?? _nobodyHash.Value, password);
        if (user is null) return SignInAttempt.Refused(WrongDetails);
        if (result == PasswordVerificationResult.Failed)
        {
            var after = await users.RecordFailedSignInAsync(user.UserName, _maxFailures, now + _lockout, cancellationToken);
            return after?.LockedUntil is { } until && until > now ? SignInAttempt.Refused(Locked(until, now)) : SignInAttempt.Refused(WrongDetails);
        }
        if (user.FailedSignIns > 0 || user.LockedUntil is not null) await users.ResetFailedSignInsAsync(user.UserName, cancellationToken);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            await users.UpdatePasswordHashAsync(user.UserName, hasher.HashPassword(user, password), cancellationToken);

        var party = await parties.FindAsync(user.PartyGln, cancellationToken);
        if (party is null) return SignInAttempt.Refused(WrongDetails);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.UserName),
            new Claim(ClaimTypes.Name, user.DisplayName),
            new Claim(PartyClaims.Gln, party.Gln),
            new Claim(SignedInUser.PartyNameClaim, party.Name),
            new Claim(ClaimTypes.Role, party.Role.ToString()),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        return new SignInAttempt(new ClaimsPrincipal(identity), null);
    }

    private string Locked(DateTimeOffset until, DateTimeOffset now)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - now).TotalMinutes));
        return string.Create(CultureInfo.InvariantCulture,
            $"This account is locked after {_maxFailures} wrong passwords in a row. Try again after {until.UtcDateTime:HH:mm} UTC (in {minutes} minute{(minutes == 1 ? "" : "s")}), or ask your administrator.");
    }
}
