namespace DrugTrace.Application.Common.Interfaces;

/// <summary>A person who signs in to the browser UI; acts for one party and has its role.</summary>
/// <param name="UserName">The sign-in name, compared case-insensitively.</param>
/// <param name="PasswordHash">ASP.NET Core Identity's PasswordHasher format; never the password.</param>
public sealed record UserAccount(string UserName, string DisplayName, string PartyGln, string PasswordHash);
