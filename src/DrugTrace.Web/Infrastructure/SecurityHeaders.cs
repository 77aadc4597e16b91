namespace DrugTrace.Web.Infrastructure;

/// <summary>
/// Headers on every response: no MIME sniffing, no referrer (public check links carry serials),
/// no framing, and a Content-Security-Policy chosen by what is served. An endpoint that sets its
/// own CSP (the label SVG and sheet) keeps it.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Pages: only this site's scripts (Blazor, MudBlazor, the scan helpers, zxing-wasm, which needs
    /// wasm-unsafe-eval to compile its WebAssembly); no inline script at all, so nothing a user typed
    /// can ever run. MudBlazor positions popovers with inline style attributes, hence style-src 'unsafe-inline'.
    /// connect-src 'self' covers Blazor's and the alert hub's WebSocket on this host.
    /// </summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data:; connect-src 'self'; media-src 'self' blob: mediastream:; worker-src 'self' blob:; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>API answers are data, never a document to render.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";

    /// <summary>The label SVG and the printable sheet: inline SVG and styles only, no script, no fetches.</summary>
    public const string LabelPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox allow-modals";

    /// <summary>Scalar's API reference runs an inline bootstrap script of its own; it reads only this site's OpenAPI document.</summary>
    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=(), payment=(), usb=()";
            if (!headers.ContainsKey("Content-Security-Policy"))
                headers.ContentSecurityPolicy = PolicyFor(context.Request.Path);
            return Task.CompletedTask;
        });
        return next(context);
    });

    private static string PolicyFor(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health") ? ApiPolicy
        : path.StartsWithSegments("/scalar") ? ApiReferencePolicy
        : PagePolicy;
}
