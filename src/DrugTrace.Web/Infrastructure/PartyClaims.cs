using System.Security.Claims;

namespace DrugTrace.Web.Infrastructure;

public static class PartyClaims
{
    public const string Gln = "gln";

    /// <summary>The GLN of the authenticated party; endpoints require authentication, so it is always there.</summary>
    public static string GlnOf(this ClaimsPrincipal user) =>
        user.FindFirstValue(Gln) ?? throw new InvalidOperationException("The caller has no GLN claim.");
}
