using Microsoft.AspNetCore.Authentication.Cookies;

namespace DrugTrace.Web.Infrastructure;

/// <summary>
/// Cross-site WebSocket hijacking: a browser sends the sign-in cookie with a WebSocket opened by
/// any site, and WebSockets are not bound by CORS. So a hub connection (the alert hub and Blazor's
/// circuit) authenticated by the cookie must come from this site's own pages: its Origin must be
/// this server (as the client sees it, behind a proxy too) or one of <c>Hubs:AllowedOrigins</c>.
/// API-key connections carry their credential explicitly and are not affected.
/// </summary>
public static class HubOriginCheck
{
    public static IApplicationBuilder UseHubOriginCheck(this IApplicationBuilder app)
    {
        var allowed = app.ApplicationServices.GetRequiredService<IConfiguration>().GetSection("Hubs:AllowedOrigins").Get<string[]>() ?? [];
        return app.Use(async (context, next) =>
        {
            if (IsHub(context.Request.Path) && IsCookieSession(context) && !OriginAllowed(context, allowed))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await Results.Problem(statusCode: 403, title: "Not allowed",
                    detail: "A signed-in hub connection must come from this site's own pages.").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
    }

    private static bool IsHub(PathString path) => path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor");

    private static bool IsCookieSession(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme };

    private static bool OriginAllowed(HttpContext context, string[] allowed)
    {
        var origin = context.Request.Headers.Origin.ToString();
        // Browsers always send Origin on a WebSocket; a cookie-carrying upgrade without one is not a browser of ours.
        if (origin.Length == 0) return !context.WebSockets.IsWebSocketRequest;
        var self = $"{context.Request.Scheme}://{context.Request.Host}";
        return string.Equals(origin, self, StringComparison.OrdinalIgnoreCase)
            || allowed.Any(a => string.Equals(origin, a.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }
}
