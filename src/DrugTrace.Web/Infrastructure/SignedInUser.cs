using System.Security.Claims;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Web.Infrastructure;

/// <summary>The person signed in to the UI and the party they act for, read from their claims.</summary>
public sealed record SignedInUser(string Name, string Gln, string PartyName, PartyRole Role)
{
    public const string PartyNameClaim = "party";

    public static SignedInUser? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return null;
        var gln = user.FindFirstValue(PartyClaims.Gln);
        if (gln is null || !Enum.TryParse<PartyRole>(user.FindFirstValue(ClaimTypes.Role), out var role)) return null;
        return new SignedInUser(
            user.FindFirstValue(ClaimTypes.Name) ?? gln,
            gln,
            user.FindFirstValue(PartyNameClaim) ?? gln,
            role);
    }

    public bool Is(params PartyRole[] roles) => roles.Contains(Role);
}
