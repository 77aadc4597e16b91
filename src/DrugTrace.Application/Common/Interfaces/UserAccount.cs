namespace DrugTrace.Application.Common.Interfaces;

/// <summary>A person who signs in to the browser UI; acts for one party and has its role.</summary>
/// <param name="UserName">The sign-in name, compared case-insensitively.</param>
/// <param name="PasswordHash">ASP.NET Core Identity's PasswordHasher format; never the password.</param>
/// <param name="FailedSignIns">Wrong passwords since the last sign-in or lockout.</param>
/// <param name="LockedUntil">No sign-in, not even with the right password, before this time.</param>
public sealed record UserAccount(string UserName, string DisplayName, string PartyGln, string PasswordHash,
    int FailedSignIns = 0, DateTimeOffset? LockedUntil = null);
