using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using DrugTrace.Storage.Contract;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>The alert store contract against a fresh SQLite file per test, and the outbox rows its updates write.</summary>
public sealed class SqliteAlertStoreTests : AlertStoreContractTests, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero);
    private readonly SqliteTestStore _store = new("drugtrace-alerts-");

    protected override IAlertStore Alerts => _store.Get<IAlertStore>();

    private static Alert Make(string serial) => TestAlerts.UnknownSerial(serial, T0, T0.AddMinutes(1));

    [Fact]
    public async Task An_update_without_a_history_entry_is_stored_and_announced_at_the_alerts_last_sighting()
    {
        var (raised, _) = await Alerts.RaiseAsync(Make("SN1"), TimeSpan.FromHours(1), default);

        Assert.True(await Alerts.TryUpdateAsync(raised with { Status = AlertStatus.Investigating, Version = raised.Version + 1, History = [] }, default));

        var read = (await Alerts.GetAsync(raised.Id, default))!;
        Assert.Equal((AlertStatus.Investigating, raised.Version + 1), (read.Status, read.Version));
        Assert.Empty(read.History);
        Assert.Equal([(1L, T0.AddMinutes(1).ToUnixTimeMilliseconds()), (0L, T0.AddMinutes(1).ToUnixTimeMilliseconds())], OutboxRows());
    }

    [Fact]
    public async Task An_update_with_a_history_entry_is_announced_at_that_entrys_time()
    {
        var (raised, _) = await Alerts.RaiseAsync(Make("SN1"), TimeSpan.FromHours(1), default);
        var (changed, error) = AlertLifecycle.Change(raised, AlertStatus.Investigating, null, "looking", "4000000000013", T0.AddMinutes(7));
        Assert.Null(error);

        Assert.True(await Alerts.TryUpdateAsync(changed!, default));

        Assert.Equal(T0.AddMinutes(7).ToUnixTimeMilliseconds(), OutboxRows()[^1].At);
    }

    /// <summary>The outbox rows, oldest first: whether each announces a new alert, and when.</summary>
    private List<(long IsNew, long At)> OutboxRows()
    {
        using var connection = _store.Get<SqliteDatabase>().OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT is_new, created_at FROM alert_outbox ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<(long, long)>();
        while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetInt64(1)));
        return rows;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => _store.DeleteAsync();
}
