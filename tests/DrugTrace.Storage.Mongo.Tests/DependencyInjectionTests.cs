using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Interfaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>Registration and start-up failures, checked without a server (nothing here pretends one answers).</summary>
public sealed class DependencyInjectionTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddMongoStorage(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Nothing listens on port 9 of the loopback: server selection times out quickly.</summary>
    private static readonly Dictionary<string, string?> Unreachable = new()
    {
        ["Storage:Mongo:ConnectionString"] = "mongodb://127.0.0.1:9/?directConnection=true",
        ["Storage:Mongo:Database"] = "drugtrace",
        ["Storage:Mongo:ServerSelectionTimeout"] = "00:00:00.500",
    };

    [Fact]
    public async Task Every_port_the_feed_and_the_start_up_check_are_registered()
    {
        // As the host does: the ledger store lets its append sequencer finish what is queued.
        await using var services = Build(Unreachable);
        Assert.IsType<MongoPartyStore>(services.GetRequiredService<IPartyStore>());
        Assert.IsType<MongoCatalogStore>(services.GetRequiredService<ICatalogStore>());
        Assert.IsType<MongoLedgerStore>(services.GetRequiredService<ILedgerStore>());
        Assert.IsType<MongoScanLog>(services.GetRequiredService<IScanLog>());
        Assert.IsType<MongoAlertStore>(services.GetRequiredService<IAlertStore>());
        Assert.IsType<MongoWitnessStore>(services.GetRequiredService<IWitnessStore>());
        Assert.IsType<MongoWitnessAnswers>(services.GetRequiredService<IWitnessAnswers>());
        Assert.IsType<MongoIdempotencyStore>(services.GetRequiredService<IIdempotencyStore>());
        var feed = services.GetRequiredService<IAlertChangeFeed>();
        Assert.Equal("MongoDB change stream on drugtrace.alerts", feed.Description);
        var hosted = services.GetServices<IHostedService>().ToList();
        Assert.Contains(hosted, h => h is MongoStartup);
        Assert.Contains(hosted, h => ReferenceEquals(h, feed));
        Assert.Contains("store", services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name));
    }

    [Fact]
    public void The_Data_Protection_key_ring_is_kept_in_MongoDB_so_that_every_instance_shares_it()
    {
        using var services = Build(Unreachable);
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>().Value;
        Assert.IsType<MongoXmlRepository>(options.XmlRepository);
    }

    [Fact]
    public void Without_watching_there_is_no_feed_and_the_in_process_push_stays()
    {
        using var services = Build(new(Unreachable) { ["Storage:Mongo:WatchAlerts"] = "false" });
        Assert.Null(services.GetService<IAlertChangeFeed>());
    }

    [Fact]
    public void A_missing_connection_string_is_a_clear_error()
    {
        using var services = Build(new() { ["Storage:Mongo:Database"] = "drugtrace" });
        var ex = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ILedgerStore>());
        Assert.Contains("Storage:Mongo:ConnectionString", ex.Message);
    }

    [Fact]
    public async Task An_unreachable_server_stops_the_start_up_with_a_clear_error()
    {
        using var services = Build(Unreachable);
        var startup = services.GetServices<IHostedService>().OfType<MongoStartup>().Single();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => startup.StartAsync(default));
        Assert.Contains("No MongoDB server answered at mongodb://127.0.0.1:9/", ex.Message);
    }

    [Fact]
    public async Task The_health_check_reports_an_unreachable_server_as_unhealthy()
    {
        using var services = Build(Unreachable);
        var check = new MongoHealthCheck(services.GetRequiredService<MongoContext>());
        var result = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public void A_password_never_appears_in_messages()
    {
        Assert.Equal("mongodb://app:***@db1,db2/?replicaSet=rs0", MongoContext.Redacted("mongodb://app:s3cret@db1,db2/?replicaSet=rs0"));
        Assert.Equal("mongodb://db1/", MongoContext.Redacted("mongodb://db1/"));
    }

    [Theory]
    // Percent-encoded: the driver decodes it to "p@ss:w/rd", which a search for the decoded form would miss.
    [InlineData("mongodb://app:p%40ss%3Aw%2Frd@db1:27017/?replicaSet=rs0", "mongodb://app:***@db1:27017/?replicaSet=rs0")]
    [InlineData("mongodb+srv://app:s3cret@cluster0.example.net/drugtrace", "mongodb+srv://app:***@cluster0.example.net/drugtrace")]
    // An unencoded '@' or ':' in the password: everything up to the last '@' before the hosts is user info.
    [InlineData("mongodb://app:p@ss:word@db1/", "mongodb://app:***@db1/")]
    [InlineData("mongodb://app@db1/?authMechanism=MONGODB-X509", "mongodb://app@db1/?authMechanism=MONGODB-X509")]
    [InlineData("mongodb://AKIAEXAMPLE:wJalrXUtnFEMI%2FK7MDENG@db1/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:FwoGZXIvYXdzEXAMPLE",
        "mongodb://AKIAEXAMPLE:***@db1/?authMechanism=MONGODB-AWS&authMechanismProperties=***")]
    [InlineData("mongodb://db1/?tls=true&tlsCertificateKeyFilePassword=k3y&replicaSet=rs0", "mongodb://db1/?tls=true&tlsCertificateKeyFilePassword=***&replicaSet=rs0")]
    [InlineData("mongodb://db1/?password=plain;appName=x", "mongodb://db1/?password=***;appName=x")]
    public void Every_credential_form_is_redacted(string connectionString, string expected)
    {
        Assert.Equal(expected, MongoContext.Redacted(connectionString));
        foreach (var secret in new[] { "p%40ss", "p@ss:w/rd", "s3cret", "word@", "wJalr", "FwoGZX", "k3y", "plain" })
            Assert.DoesNotContain(secret, MongoContext.Redacted(connectionString), StringComparison.Ordinal);
    }
}
