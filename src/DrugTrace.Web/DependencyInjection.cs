using DrugTrace.Application;
using System.Text.Json.Serialization;
using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Behaviours;
using DrugTrace.Application.Common.Idempotency;
using DrugTrace.Web.Alerts;
using DrugTrace.Web.Endpoints;
using DrugTrace.Web.Infrastructure;
using DrugTrace.Web.Seeding;
using DrugTrace.Web.Labels;
using DrugTrace.Application.Common.Security;
using DrugTrace.Web.Transparency;
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
            // Idempotency last: a repeat is authorised and validated like the first request.
            options.PipelineBehaviors = [typeof(AuthorizationBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(IdempotencyBehaviour<,>)];
        });

        // /api keeps its API-key scheme; the browser UI signs in with a cookie.
        services.AddAuthentication(SchemeSelector)
            .AddPolicyScheme(SchemeSelector, SchemeSelector, o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.CarriesKey(context.Request)
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
        services.AddSingleton<AttemptLimits>();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });
        services.AddProxySettings(configuration);
        services.AddMudServices(mud =>
        {
            // Bottom left, briefly: at the top right toasts covered the theme and sign-out buttons,
            // and on the scan page the field and card.
            mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
            mud.SnackbarConfiguration.VisibleStateDuration = 4000;
            mud.SnackbarConfiguration.PreventDuplicates = true;
        });
        services.AddSingleton<IUseCases, ScopedUseCases>();
        services.AddPublicVerificationRateLimit(configuration);

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Unreadable bodies throw, so that the exception handler can say what is wrong with them.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddSchemaTransformer<WireNameSchemaTransformer>().AddDocumentTransformer<ApiKeyDocument>());

        services.Configure<AlertOptions>(configuration.GetSection(AlertOptions.Section));
        services.Configure<IdempotencyOptions>(configuration.GetSection(IdempotencyOptions.Section));
        services.Configure<DrugTrace.Application.Stock.StockOptions>(configuration.GetSection(DrugTrace.Application.Stock.StockOptions.Section));
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSingleton<AlertQueue>();
        services.AddSingleton<AlertBroadcaster>();
        services.AddSingleton<AlertListeners>();
        services.AddScoped<UnseenAlerts>();
        services.AddScoped<CircuitConnection>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
        services.AddHostedService<AlertFanout>();

        services.Configure<DrugTrace.Web.Scanning.ScanningOptions>(configuration.GetSection(DrugTrace.Web.Scanning.ScanningOptions.Section));
        services.AddSingleton<DrugTrace.Web.Scanning.PhotoReader>();

        services.AddOptions<LabelOptions>().Bind(configuration.GetSection(LabelOptions.Section))
            // `dotnet run` (Development) prints links to the local app; everywhere else it must be said.
            .PostConfigure<IHostEnvironment>((o, env) =>
            {
                if (env.IsDevelopment() && string.IsNullOrWhiteSpace(o.DigitalLinkBase)) o.DigitalLinkBase = LabelOptions.DevelopmentBase;
            })
            .Validate(o => LabelOptions.IsValidBase(o.DigitalLinkBase),
                // appsettings.Development.json sets it for `dotnet run`.
                "Labels:DigitalLinkBase must be set outside Development to the absolute http(s) address patients' phones open, "
                + "e.g. https://verify.example.org (environment: Labels__DigitalLinkBase). Labels never take it from a request's Host header.")
            .ValidateOnStart();
        services.AddSingleton(new BootstrapKey(configuration["Bootstrap:RegulatorKey"]));
        services.AddTransparencyLog(configuration);
        services.Configure<DrugTrace.Web.Epcis.CaptureOptions>(configuration.GetSection(DrugTrace.Web.Epcis.CaptureOptions.Section));
        services.AddSingleton<DrugTrace.Web.Epcis.CaptureJobs>();
        services.AddHostedService<DrugTrace.Web.Epcis.CaptureJobRecovery>();

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
        api.MapBootstrapEndpoints()
            .MapProductEndpoints()
            .MapLotEndpoints()
            .MapScanEndpoints()
            .MapPhotoScanEndpoints()
            .MapDeliveryEndpoints()
            .MapCustodyEndpoints()
            .MapCaseEndpoints()
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

        app.MapLogEndpoints();
        app.MapWitnessEndpointsIfEnabled();
        app.MapPackProofDownload();
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>()
            // The page CSP of SecurityHeaders carries frame-ancestors with the rest; a second CSP header would only narrow it.
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

        app.MapHealthChecks("/health");
        app.MapOpenApi();
        // Offline-clean (no web fonts from the internet), titled, with a field for the party's key.
        app.MapScalarApiReference(o => o
            .WithTitle("DrugTrace API reference")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .WithFavicon("/favicon.svg")
            .AddPreferredSecuritySchemes(ApiKeyDocument.Scheme)
            .AddApiKeyAuthentication(ApiKeyDocument.Scheme, key => key.Value = ""));
        return app;
    }
}
