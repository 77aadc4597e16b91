using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Web.Alerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Web.Tests.Storage;

/// <summary>The Storage:Provider switch, and which path pushes alerts with each store (no server is contacted).</summary>
public sealed class StorageRegistrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("drugtrace-storage-").FullName;

    private ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .AddInMemoryCollection([new("Storage:Sqlite:DataDirectory", _directory)])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<AlertQueue>();
        services.AddStorage(configuration, _directory);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Sqlite_is_the_default_and_keeps_the_in_process_push()
    {
        await using var services = Build();
        Assert.Contains("Sqlite", services.GetRequiredService<ILedgerStore>().GetType().Name);
        Assert.Empty(services.GetServices<IAlertChangeFeed>());
        Assert.IsType<AlertQueueChangeSink>(services.GetRequiredService<IAlertChangeSink>());
    }

    [Fact]
    public async Task Mongo_is_chosen_by_configuration_and_brings_its_change_feed()
    {
        await using var services = Build(("Storage:Provider", "Mongo"), ("Storage:Mongo:ConnectionString", "mongodb://127.0.0.1:9/?replicaSet=rs0"));
        Assert.Contains("Mongo", services.GetRequiredService<ILedgerStore>().GetType().Name);
        Assert.Single(services.GetServices<IAlertChangeFeed>());
    }

    [Fact]
    public void An_unknown_provider_is_refused_by_name()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Build(("Storage:Provider", "Oracle")));
        Assert.Contains("'Oracle'", ex.Message);
    }

    [Theory]
    [InlineData(false, 2)]
    [InlineData(true, 1)]
    public async Task In_process_notifications_are_queued_only_without_a_store_feed(bool storeHasFeed, int queued)
    {
        var queue = new AlertQueue();
        IAlertChangeFeed[] feeds = storeHasFeed ? [new Feed()] : [];
        var handler = new QueueAlertNotifications(queue, feeds);
        var alert = new Alert
        {
            Id = 1, Kind = AlertKind.UnknownSerial, Severity = Severity.Critical, Message = "m", Action = "verify", ScannedCode = "c",
            ScanningParty = "4012347000014", RaisedAt = DateTimeOffset.UnixEpoch, LastSeenAt = DateTimeOffset.UnixEpoch,
        };
        await handler.Handle(new AlertRaised(alert), default);
        await handler.Handle(new AlertUpdated(alert), default);
        // With a feed, the change stream hands the same alerts to the queue instead (once each).
        if (storeHasFeed) await new AlertQueueChangeSink(queue).AcceptAsync(alert, isNew: true, default);

        // A marker queued last tells "nothing more" without waiting a fixed time for it.
        var marker = alert with { Id = 99 };
        queue.Enqueue(marker, isNew: true);
        var seen = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await foreach (var (queuedAlert, _) in queue.ReadAllAsync(cts.Token))
        {
            if (ReferenceEquals(queuedAlert, marker)) break;
            seen++;
        }
        Assert.Equal(queued, seen);
    }

    private sealed class Feed : IAlertChangeFeed
    {
        public string Description => "test feed";
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
