namespace DrugTrace.Web.Infrastructure;

/// <summary>
/// Bodies for answers without one (an unknown address, a method not allowed): a page for a
/// person's browser, ProblemDetails for API callers. A browser shown raw JSON for a mistyped
/// address is a bad first impression.
/// </summary>
public static class StatusCodePages
{
    public static WebApplication UseStatusCodeBodies(this WebApplication app)
    {
        app.UseWhen(IsBrowserPage, page => page.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));
        app.UseWhen(context => !IsBrowserPage(context), api => api.UseStatusCodePages());
        // Routing after the status code pages, so that a re-executed request finds the status page's endpoint.
        app.UseRouting();
        return app;
    }

    /// <summary>A GET from a browser for a page: accepts HTML and is not an API, document or framework address.</summary>
    public static bool IsBrowserPage(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return false;
        var path = request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/scalar")
            || path.StartsWithSegments("/health") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_blazor")
            || path.StartsWithSegments("/_content")) return false;
        return request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
    }
}
