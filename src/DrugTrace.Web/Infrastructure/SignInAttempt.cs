using System.Security.Claims;

namespace DrugTrace.Web.Infrastructure;

/// <summary>The outcome of a sign-in: the principal, or a message for the person (wrong details, locked until when).</summary>
public sealed record SignInAttempt(ClaimsPrincipal? Principal, string? Problem)
{
    public static SignInAttempt Refused(string problem) => new(null, problem);
}
