using DrugTrace.Application;
using System.Text.Json.Serialization;
using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Behaviours;
using DrugTrace.Web.Alerts;
using DrugTrace.Web.Endpoints;
using DrugTrace.Web.Infrastructure;
using DrugTrace.Web.Seeding;
using Mediator;
using System.Threading.RateLimiting;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Web.Components;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using MudBlazor.Services;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace DrugTrace.Web;

public static class DependencyInjection
{
    /// <summary>Sends /api (and any request with an API key) to the API-key scheme, everything else to the sign-in cookie.</summary>
    public const string SchemeSelector = "ApiKeyOrCookie";

    /// <summary>Everything the app registers, in Program.cs and in the test that validates the container for every store.</summary>
    public static IServiceCollection AddDrugTrace(this IServiceCollection services, IConfiguration configuration, string contentRoot) =>
        services
            .AddApplication()
            .AddStorage(configuration, contentRoot)
            .AddWebServices(configuration);

    public static IServiceCollection AddWebServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(DrugTrace.Application.DependencyInjection), typeof(DependencyInjection)];
            options.PipelineBehaviors = [typeof(AuthorizationBehaviour<,>), typeof(ValidationBehaviour<,>)];
        });

        // /api keeps its API-key scheme; the browser UI signs in with a cookie.
        services.AddAuthentication(SchemeSelector)
            .AddPolicyScheme(SchemeSelector, SchemeSelector, o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/vrs")
                    || context.Request.Path.StartsWithSegments("/epcis") || context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                    // A hub client that cannot set headers sends its key as SignalR's access_token (README, Live alerts).
                    || (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query.ContainsKey("access_token"))
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/access-denied";
                o.Cookie.Name = "DrugTrace.SignIn";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<UserSignIn>();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<IUseCases, ScopedUseCases>();
        services.AddPublicVerificationRateLimit(configuration);

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Unreadable bodies throw, so that the exception handler can say what is wrong with them.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddSchemaTransformer<WireNameSchemaTransformer>());

        services.Configure<AlertOptions>(configuration.GetSection(AlertOptions.Section));
        services.Configure<DrugTrace.Application.Stock.StockOptions>(configuration.GetSection(DrugTrace.Application.Stock.StockOptions.Section));
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSingleton<AlertQueue>();
        services.AddSingleton<AlertBroadcaster>();
        services.AddScoped<UnseenAlerts>();
        services.AddScoped<CircuitConnection>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
        services.AddHostedService<AlertFanout>();

        services.Configure<DrugTrace.Web.Scanning.ScanningOptions>(configuration.GetSection(DrugTrace.Web.Scanning.ScanningOptions.Section));
        services.AddSingleton<DrugTrace.Web.Scanning.PhotoReader>();

        services.Configure<DrugTrace.Web.Epcis.CaptureOptions>(configuration.GetSection(DrugTrace.Web.Epcis.CaptureOptions.Section));
        services.AddSingleton<DrugTrace.Web.Epcis.CaptureJobs>();

        services.Configure<SeedOptions>(configuration.GetSection(SeedOptions.Section));
        services.AddHostedService<SeedLoader>();
        return services;
    }

    /// <summary>
    /// The public verification page is open to anyone, so it is rate-limited per client address;
    /// a refused request gets a friendly page instead of an error.
    /// </summary>
    private static IServiceCollection AddPublicVerificationRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("PublicVerification:PermitsPerMinute", 30);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PublicVerificationPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync(TooManyChecksPage, ct);
            };
        });
        return services;
    }

    public const string PublicVerificationPolicy = "public-verification";

    private const string TooManyChecksPage = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>DrugTrace: please wait a moment</title></head>
        <body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5">
        <h1>Please wait a moment</h1>
        <p>Many packs were checked from your connection in the last minute. To keep this service available for everyone,
        please wait a minute and then try again.</p>
        <p>If you are worried about a medicine now, ask your pharmacist.</p>
        </body></html>
        """;

    public static WebApplication MapDrugTraceEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapProductEndpoints()
            .MapLotEndpoints()
            .MapScanEndpoints()
            .MapPhotoScanEndpoints()
            .MapDeliveryEndpoints()
            .MapCustodyEndpoints()
            .MapPackEndpoints()
            .MapEpcisExportEndpoints()
            .MapLabelEndpoints()
            .MapAuditEndpoints()
            .MapPartyEndpoints()
            .MapAlertEndpoints();
        app.MapVrsEndpoints();
        app.MapEpcisEndpoints();
        app.MapCaptureEndpoints();
        app.MapHub<AlertsHub>(AlertsHub.Path);

        app.MapAccountEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        app.MapHealthChecks("/health");
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}
