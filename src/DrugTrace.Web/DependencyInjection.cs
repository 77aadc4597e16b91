using System.Text.Json.Serialization;
using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Behaviours;
using DrugTrace.Web.Alerts;
using DrugTrace.Web.Endpoints;
using DrugTrace.Web.Infrastructure;
using DrugTrace.Web.Seeding;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace DrugTrace.Web;

public static class DependencyInjection
{
    public static IServiceCollection AddWebServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(DrugTrace.Application.DependencyInjection), typeof(DependencyInjection)];
            options.PipelineBehaviors = [typeof(AuthorizationBehaviour<,>), typeof(ValidationBehaviour<,>)];
        });

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Unreadable bodies throw, so that the exception handler can say what is wrong with them.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi();

        services.Configure<AlertOptions>(configuration.GetSection(AlertOptions.Section));
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSingleton<AlertQueue>();
        services.AddSingleton<AlertBroadcaster>();
        services.AddHostedService<AlertFanout>();

        services.Configure<SeedOptions>(configuration.GetSection(SeedOptions.Section));
        services.AddHostedService<SeedLoader>();
        return services;
    }

    public static WebApplication MapDrugTraceEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapProductEndpoints()
            .MapLotEndpoints()
            .MapScanEndpoints()
            .MapPackEndpoints()
            .MapAuditEndpoints()
            .MapPartyEndpoints()
            .MapAlertEndpoints();
        app.MapHub<AlertsHub>(AlertsHub.Path);

        app.MapHealthChecks("/health");
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}
