using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Idempotency;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DrugTrace.Application.Tests;

/// <summary>What AddApplication registers, with which lifetime: the host's composition depends on each.</summary>
public sealed class DependencyInjectionTests
{
    private static ServiceDescriptor One(IServiceCollection services, Type type) => Assert.Single(services, d => d.ServiceType == type);

    [Theory]
    [InlineData(typeof(ISerialGenerator), ServiceLifetime.Singleton)]
    [InlineData(typeof(IActorContext), ServiceLifetime.Scoped)]
    [InlineData(typeof(IIdempotencyContext), ServiceLifetime.Scoped)]
    [InlineData(typeof(PackHandoffs), ServiceLifetime.Scoped)]
    [InlineData(typeof(DrugTrace.Application.Investigations.InvestigationGuard), ServiceLifetime.Scoped)]
    [InlineData(typeof(DrugTrace.Application.Cases.CaseReader), ServiceLifetime.Scoped)]
    [InlineData(typeof(DrugTrace.Application.Cases.SsccAllocator), ServiceLifetime.Scoped)]
    [InlineData(typeof(DrugTrace.Application.Cases.CaseMoves), ServiceLifetime.Scoped)]
    [InlineData(typeof(AlertRaiser), ServiceLifetime.Scoped)]
    [InlineData(typeof(PartyDirectory), ServiceLifetime.Singleton)]
    [InlineData(typeof(DrugTrace.Application.Transparency.LogTree), ServiceLifetime.Singleton)]
    [InlineData(typeof(DrugTrace.Application.Audit.CheckpointAudit), ServiceLifetime.Singleton)]
    [InlineData(typeof(DrugTrace.Application.Epcis.EpcisSchema), ServiceLifetime.Singleton)]
    [InlineData(typeof(TimeProvider), ServiceLifetime.Singleton)]
    public void Each_service_is_registered_once_with_its_lifetime(Type service, ServiceLifetime lifetime)
    {
        var services = new ServiceCollection().AddApplication();
        Assert.Equal(lifetime, One(services, service).Lifetime);
    }

    [Fact]
    public void The_serial_generator_is_the_random_one_and_the_clock_the_system_clock()
    {
        var services = new ServiceCollection().AddApplication();
        Assert.Equal(typeof(RandomSerialGenerator), One(services, typeof(ISerialGenerator)).ImplementationType);
        Assert.Same(TimeProvider.System, One(services, typeof(TimeProvider)).ImplementationInstance);
    }

    [Fact]
    public void A_clock_the_host_registered_first_is_kept()
    {
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddApplication();
        Assert.Same(clock, One(services, typeof(TimeProvider)).ImplementationInstance);
    }

    [Fact]
    public void Idempotency_options_are_registered()
    {
        var services = new ServiceCollection().AddApplication();
        Assert.Contains(services, d => d.ServiceType == typeof(IOptions<>));
    }

    [Fact]
    public void Every_validator_of_the_assembly_is_registered_as_a_singleton_for_its_request()
    {
        var services = new ServiceCollection().AddApplication();
        var validators = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.IsInterface)
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)).Select(i => (Contract: i, Type: t)))
            .ToList();

        Assert.True(validators.Count > 20, $"only {validators.Count} validators found");
        foreach (var (contract, type) in validators)
            Assert.Contains(services, d => d.ServiceType == contract && d.ImplementationType == type && d.Lifetime == ServiceLifetime.Singleton);
        Assert.Equal(validators.Count, services.Count(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidator<>)));
    }
}
