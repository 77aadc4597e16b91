using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace DrugTrace.Web.Endpoints;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a form POST with an anti-forgery token (a link could be forged by another site).</summary>
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/signout", async (HttpContext context, [FromForm] string? returnUrl) =>
            {
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.LocalRedirect("/signin?signedOut=true");
            })
            .ExcludeFromDescription();
        return app;
    }
}
