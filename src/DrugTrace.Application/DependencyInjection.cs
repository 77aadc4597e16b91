using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Idempotency;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DrugTrace.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Application services. Mediator itself is registered by the host (its source generator
    /// runs there), with the pipeline behaviours of Common/Behaviours.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ISerialGenerator, RandomSerialGenerator>();
        services.AddScoped<IActorContext, ActorContext>();
        services.AddScoped<IIdempotencyContext, IdempotencyContext>();
        services.AddOptions<IdempotencyOptions>();
        services.AddScoped<PackHandoffs>();
        services.AddScoped<Investigations.InvestigationGuard>();
        services.AddScoped<Cases.CaseReader>();
        services.AddScoped<Cases.SsccAllocator>();
        services.AddScoped<Cases.CaseMoves>();
        services.AddScoped<AlertRaiser>();
        services.AddSingleton<PartyDirectory>();
        services.AddSingleton<Transparency.LogTree>();
        services.AddSingleton<Audit.CheckpointAudit>();
        services.AddSingleton<Epcis.EpcisSchema>();

        foreach (var type in typeof(DependencyInjection).Assembly.GetTypes())
        {
            if (type.IsAbstract || type.IsInterface) continue;
            foreach (var contract in type.GetInterfaces())
            {
                if (contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IValidator<>))
                    services.AddSingleton(contract, type);
            }
        }
        return services;
    }
}
