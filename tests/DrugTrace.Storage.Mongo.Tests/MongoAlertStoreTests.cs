using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DrugTrace.Storage.Mongo.Tests;

/// <summary>
/// The alert store and the multi-instance push against a live replica set, a fresh database per
/// test. Skipped with "DRUGTRACE_MONGO is not set" when no server is named. The shared alert
/// store contract runs in <see cref="MongoAlertStoreContractTests"/>; these add what only MongoDB
/// has: the change stream that carries alerts to every instance.
/// </summary>
public sealed class MongoAlertStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private const string Pharmacy = "4012347000014", Maker = "4012345000016", Regulator = "4099999000015";

    private readonly string _database = MongoTestServer.NewDatabaseName();
    private readonly List<ServiceProvider> _instances = [];

    private IAlertStore Store => _instances[0].GetRequiredService<IAlertStore>();

    public Task InitializeAsync()
    {
        if (MongoTestServer.ConnectionString is not null) _instances.Add(MongoTestServer.Services(_database));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_instances.Count == 0) return;
        await MongoTestServer.DropAsync(_instances[0], _database);
        foreach (var instance in _instances)
        {
            foreach (var hosted in instance.GetServices<IHostedService>()) await hosted.StopAsync(default);
            await instance.DisposeAsync();
        }
    }

    private static Alert Candidate(string serial = "SN1", AlertKind kind = AlertKind.AlreadyInactive, DateTimeOffset? at = null,
        string party = Pharmacy, Severity severity = Severity.High) => new()
    {
        Kind = kind, Severity = severity, Message = "Already dispensed", Action = "dispense", ScannedCode = $"(01)04012345000115(21){serial}",
        ScannedGtin = "04012345000115", ScannedSerial = serial, PackGtin = "04012345000115", PackSerial = serial, ScanningParty = party,
        BrandOwner = Maker, RaisedAt = at ?? Now, LastSeenAt = at ?? Now,
    };

    [SkippableFact]
    public async Task A_repeat_within_the_window_only_counts()
    {
        MongoTestServer.Require();
        var (first, isNew) = await Store.RaiseAsync(Candidate(), Window, default);
        Assert.True(isNew);
        Assert.Equal(1, first.Id);
        var (again, againNew) = await Store.RaiseAsync(Candidate(at: Now.AddMinutes(5)), Window, default);
        Assert.False(againNew);
        Assert.Equal((1L, 2, Now.AddMinutes(5)), (again.Id, again.Count, again.LastSeenAt));
        var (late, lateNew) = await Store.RaiseAsync(Candidate(at: Now.AddHours(3)), Window, default);
        Assert.True(lateNew);
        Assert.Equal(2, late.Id);
    }

    [SkippableFact]
    public async Task A_storm_from_many_writers_stays_one_alert()
    {
        MongoTestServer.Require();
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(async () => await Store.RaiseAsync(Candidate(at: Now.AddMilliseconds(i)), Window, default))));
        Assert.Single(results, r => r.IsNew);
        var stored = Assert.Single(await Store.QueryAsync(new AlertQuery(), default));
        Assert.Equal(16, stored.Count);
    }

    [SkippableFact]
    public async Task The_lifecycle_is_optimistic_and_keeps_its_history()
    {
        MongoTestServer.Require();
        var (alert, _) = await Store.RaiseAsync(Candidate(), Window, default);
        var (investigating, error) = AlertLifecycle.Change(alert, AlertStatus.Investigating, null, "looking", Regulator, Now.AddMinutes(1));
        Assert.Null(error);
        Assert.True(await Store.TryUpdateAsync(investigating!, default));
        Assert.False(await Store.TryUpdateAsync(investigating!, default));
        var (closed, _) = AlertLifecycle.Change(investigating!, AlertStatus.Closed, AlertResolution.ScanningError, null, Regulator, Now.AddMinutes(2));
        Assert.True(await Store.TryUpdateAsync(closed!, default));

        var stored = await Store.GetAsync(alert.Id, default);
        Assert.NotNull(stored);
        Assert.Equal((AlertStatus.Closed, AlertResolution.ScanningError, closed!.Version), (stored.Status, stored.Resolution, stored.Version));
        Assert.Equal(closed.History, stored.History);
        Assert.Null(await Store.GetAsync(999, default));

        // A closed alert does not absorb repeats.
        Assert.True((await Store.RaiseAsync(Candidate(at: Now.AddMinutes(3)), Window, default)).IsNew);
    }

    [SkippableFact]
    public async Task Queries_filter_and_order_as_the_port_says()
    {
        MongoTestServer.Require();
        await Store.RaiseAsync(Candidate("A", severity: Severity.Medium), Window, default);
        await Store.RaiseAsync(Candidate("B", AlertKind.StolenPack, severity: Severity.Critical), Window, default);
        await Store.RaiseAsync(Candidate("C", party: "4012348000013") with { BrandOwner = "4012349000012", ProbableScanningError = true }, Window, default);

        Assert.Equal([3L, 2, 1], (await Store.QueryAsync(new AlertQuery(), default)).Select(a => a.Id));
        Assert.Equal([2L, 3], (await Store.QueryAsync(new AlertQuery { AfterId = 1 }, default)).Select(a => a.Id));
        Assert.Equal([2L, 1], (await Store.QueryAsync(new AlertQuery { VisibleTo = Maker }, default)).Select(a => a.Id));
        Assert.Equal([2L], (await Store.QueryAsync(new AlertQuery { MinSeverity = Severity.High }, default)).Select(a => a.Id));
        Assert.Equal([2L], (await Store.QueryAsync(new AlertQuery { Kind = AlertKind.StolenPack }, default)).Select(a => a.Id));
        Assert.Equal([2L, 1], (await Store.QueryAsync(new AlertQuery { IncludeScanningErrors = false }, default)).Select(a => a.Id));
        Assert.Equal([3L], (await Store.QueryAsync(new AlertQuery { Party = "4012348000013" }, default)).Select(a => a.Id));
        Assert.Equal([2L], (await Store.QueryAsync(new AlertQuery { Skip = 1, Take = 1 }, default)).Select(a => a.Id));
        Assert.All(await Store.QueryAsync(new AlertQuery(), default), a => Assert.Empty(a.History));
    }

    [SkippableFact]
    public async Task An_alert_raised_on_one_instance_is_pushed_by_every_instance_once()
    {
        MongoTestServer.Require();
        var sinkA = new RecordingSink();
        var sinkB = new RecordingSink();
        var a = MongoTestServer.Services(_database, s => s.AddSingleton<IAlertChangeSink>(sinkA), watchAlerts: true);
        var b = MongoTestServer.Services(_database, s => s.AddSingleton<IAlertChangeSink>(sinkB), watchAlerts: true);
        _instances.Add(a);
        _instances.Add(b);
        foreach (var instance in new[] { a, b })
            foreach (var hosted in instance.GetServices<IHostedService>()) await hosted.StartAsync(default);
        // Both streams open before the first change: waited on, not guessed.
        foreach (var instance in new[] { a, b })
            await instance.GetRequiredService<AlertChangeStreamWatcher>().Opened.WaitAsync(TimeSpan.FromMinutes(1));

        var (raised, _) = await a.GetRequiredService<IAlertStore>().RaiseAsync(Candidate(), Window, default);
        foreach (var sink in new[] { sinkA, sinkB })
        {
            var (alert, isNew) = await sink.NextAsync(TimeSpan.FromSeconds(60));
            Assert.True(isNew);
            Assert.Equal(raised.Id, alert.Id);
        }

        // A third sighting (count 3) is not a milestone; the status change on instance B is pushed to both.
        await a.GetRequiredService<IAlertStore>().RaiseAsync(Candidate(at: Now.AddSeconds(1)), Window, default);
        await a.GetRequiredService<IAlertStore>().RaiseAsync(Candidate(at: Now.AddSeconds(2)), Window, default);
        var current = (await b.GetRequiredService<IAlertStore>().GetAsync(raised.Id, default))!;
        var (investigating, _) = AlertLifecycle.Change(current, AlertStatus.Investigating, null, null, Regulator, Now.AddMinutes(1));
        Assert.True(await b.GetRequiredService<IAlertStore>().TryUpdateAsync(investigating!, default));
        foreach (var sink in new[] { sinkA, sinkB })
        {
            var milestone = await sink.NextAsync(TimeSpan.FromSeconds(60));
            Assert.Equal((false, 2), (milestone.IsNew, milestone.Alert.Count));
            var update = await sink.NextAsync(TimeSpan.FromSeconds(60));
            Assert.Equal((false, AlertStatus.Investigating), (update.IsNew, update.Alert.Status));
        }
        // Nothing else was pushed: the next thing each instance hands over is a marker alert raised last.
        var (marker, _) = await a.GetRequiredService<IAlertStore>().RaiseAsync(Candidate(serial: "MARKER"), Window, default);
        foreach (var sink in new[] { sinkA, sinkB })
            Assert.Equal(marker.Id, (await sink.NextAsync(TimeSpan.FromSeconds(60))).Alert.Id);
    }
}
