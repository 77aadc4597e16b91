using DrugTrace.Domain.Packs;
using System.Threading.Channels;
using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Alerts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static DrugTrace.Storage.Sqlite.Tests.TestSql;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>
/// The alert outbox: every push is written with the alert change it announces and delivered from
/// there, in order, retried while the listener fails, and still delivered after a restart.
/// </summary>
public sealed class SqliteAlertOutboxTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("drugtrace-outbox-").FullName;
    private ServiceProvider? _services;

    private readonly RecordingLogger _log = new();

    private ServiceProvider Open(IAlertChangeSink? sink)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Sqlite:DataDirectory"] = _directory,
            ["Storage:Sqlite:Synchronous"] = "NORMAL",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<ILogger<SqliteAlertOutbox>>(_log);
        if (sink is not null) services.AddSingleton(sink);
        _services = services.AddSqliteStorage(configuration, _directory).BuildServiceProvider();
        return _services;
    }

    private static async Task<SqliteAlertOutbox> StartAsync(ServiceProvider services)
    {
        var outbox = services.GetRequiredService<SqliteAlertOutbox>();
        await outbox.StartAsync(CancellationToken.None);
        return outbox;
    }

    private static Alert Make(string serial, DateTimeOffset? at = null) => TestAlerts.UnknownSerial(serial, at ?? T0, at ?? T0);

    [Fact]
    public void The_outbox_is_the_stores_alert_feed()
    {
        var services = Open(new RecordingSink());
        var feed = Assert.Single(services.GetServices<IAlertChangeFeed>());
        Assert.Same(services.GetRequiredService<SqliteAlertOutbox>(), feed);
    }

    [Fact]
    public async Task A_new_alert_and_its_count_milestones_are_pushed_in_order_and_then_forgotten()
    {
        var sink = new RecordingSink();
        var services = Open(sink);
        var outbox = await StartAsync(services);
        var alerts = services.GetRequiredService<IAlertStore>();

        // Ten repeats: pushed when new, at count 2 and at count 10, not in between.
        for (var i = 0; i < 10; i++) await alerts.RaiseAsync(Make("SN1", T0.AddSeconds(i)), Window, default);
        var (marker, _) = await alerts.RaiseAsync(Make("MARKER", T0.AddSeconds(20)), Window, default);

        var pushes = new List<(Alert Alert, bool IsNew)>();
        while (true)
        {
            var push = await sink.NextAsync(Generous);
            if (push.Alert.Id == marker.Id) break;
            pushes.Add(push);
        }
        Assert.Equal([true, false, false], pushes.Select(p => p.IsNew));
        // Each push says what its change did, not what holds by the time it is delivered.
        Assert.Equal([1, 2, 10], pushes.Select(p => p.Alert.Count));
        Assert.All(pushes, p => Assert.Equal("SN1", p.Alert.PackSerial));

        await outbox.StopAsync(CancellationToken.None);
        Assert.Equal(0, outbox.Pending());
    }

    [Fact]
    public async Task A_status_change_is_pushed_as_an_update()
    {
        var sink = new RecordingSink();
        var services = Open(sink);
        await StartAsync(services);
        var alerts = services.GetRequiredService<IAlertStore>();
        var (raised, _) = await alerts.RaiseAsync(Make("SN1"), Window, default);
        Assert.True((await sink.NextAsync(Generous)).IsNew);

        var (investigating, error) = AlertLifecycle.Change(raised, AlertStatus.Investigating, null, "looking into it", "4000000000013", T0.AddMinutes(1));
        Assert.Null(error);
        Assert.True(await alerts.TryUpdateAsync(investigating!, default));

        var update = await sink.NextAsync(Generous);
        Assert.False(update.IsNew);
        Assert.Equal(AlertStatus.Investigating, update.Alert.Status);
    }

    [Fact]
    public async Task An_update_alone_wakes_the_idle_outbox()
    {
        var sink = new RecordingSink();
        var services = Open(sink);
        var alerts = services.GetRequiredService<IAlertStore>();
        var (raised, _) = await alerts.RaiseAsync(Make("SN1"), Window, default);
        // The raise's own wake-up is taken here, so that only the update's can wake the outbox afterwards.
        await services.GetRequiredService<SqliteDatabase>().AlertOutbox.WaitAsync(default);
        var outbox = await StartAsync(services);
        Assert.Equal((raised.Id, true), Pushed(await sink.NextAsync(Generous)));
        // Once the push is forgotten the outbox reads again, finds nothing and waits for a wake-up.
        while (outbox.Pending() != 0) await Task.Yield();

        var (investigating, error) = AlertLifecycle.Change(raised, AlertStatus.Investigating, null, "looking", "4000000000013", T0.AddMinutes(1));
        Assert.Null(error);
        Assert.True(await alerts.TryUpdateAsync(investigating!, default));

        Assert.Equal((raised.Id, false), Pushed(await sink.NextAsync(Generous)));
        await outbox.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_failing_listener_is_retried_until_it_takes_the_push()
    {
        var sink = new RecordingSink(failFirst: 3);
        var services = Open(sink);
        await StartAsync(services);
        var (raised, _) = await services.GetRequiredService<IAlertStore>().RaiseAsync(Make("SN1"), Window, default);

        var push = await sink.NextAsync(Generous);

        Assert.Equal((raised.Id, true), (push.Alert.Id, push.IsNew));
        Assert.Equal(4, sink.Calls);
        Assert.False(sink.TryTake(out _));
    }

    [Fact]
    public async Task A_push_not_delivered_before_a_stop_is_delivered_after_the_restart()
    {
        // The first run's listener never takes anything (a crashed push loop).
        var dead = new RecordingSink(failFirst: int.MaxValue);
        var first = Open(dead);
        var outbox = await StartAsync(first);
        var (raised, _) = await first.GetRequiredService<IAlertStore>().RaiseAsync(Make("SN1"), Window, default);
        await dead.CalledAsync(Generous);
        await outbox.StopAsync(CancellationToken.None);
        await first.DisposeAsync();
        SqliteConnection.ClearAllPools();

        var sink = new RecordingSink();
        await StartAsync(Open(sink));

        var push = await sink.NextAsync(Generous);
        Assert.Equal((raised.Id, true), (push.Alert.Id, push.IsNew));
        Assert.Equal("SN1", push.Alert.PackSerial);
    }

    [Fact]
    public void The_retry_pause_doubles_and_is_capped()
    {
        Assert.Equal(SqliteAlertOutbox.FirstRetry, SqliteAlertOutbox.Backoff(1));
        Assert.Equal(SqliteAlertOutbox.FirstRetry * 4, SqliteAlertOutbox.Backoff(3));
        Assert.Equal(SqliteAlertOutbox.MaxRetry, SqliteAlertOutbox.Backoff(1000));
    }

    [Fact]
    public async Task A_change_not_yet_delivered_is_pending()
    {
        var services = Open(new RecordingSink());
        var outbox = services.GetRequiredService<SqliteAlertOutbox>();
        Assert.Equal(0, outbox.Pending());
        await services.GetRequiredService<IAlertStore>().RaiseAsync(Make("SN1"), Window, default);
        Assert.Equal(1, outbox.Pending());
    }

    [Fact]
    public async Task Without_a_sink_the_outbox_says_so_stops_at_once_and_keeps_its_rows()
    {
        var services = Open(null);
        await services.GetRequiredService<IAlertStore>().RaiseAsync(Make("SN1"), Window, default);

        var outbox = await StartAsync(services);
        await outbox.ExecuteTask!.WaitAsync(Generous);

        Assert.Equal(1, outbox.Pending());
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("No alert change sink", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_row_that_does_not_read_back_as_an_alert_is_skipped_with_an_error_and_the_next_is_delivered()
    {
        var sink = new RecordingSink();
        var services = Open(sink);
        var alerts = services.GetRequiredService<IAlertStore>();
        var (first, _) = await alerts.RaiseAsync(Make("SN1"), Window, default);
        long bad;
        using (var connection = services.GetRequiredService<SqliteDatabase>().OpenRead())
        {
            Execute(connection, $"INSERT INTO alert_outbox (alert_id, is_new, created_at, snapshot) VALUES ({first.Id}, 0, 0, 'not json')");
            bad = (long)Scalar(connection, "SELECT MAX(id) FROM alert_outbox")!;
            Execute(connection, $"INSERT INTO alert_outbox (alert_id, is_new, created_at, snapshot) VALUES ({first.Id}, 0, 0, 'null')");
        }
        var (second, _) = await alerts.RaiseAsync(Make("SN2"), Window, default);

        await StartAsync(services);

        Assert.Equal((first.Id, true), Pushed(await sink.NextAsync(Generous)));
        Assert.Equal((second.Id, true), Pushed(await sink.NextAsync(Generous)));
        var error = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains($"row {bad} ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_delivered_rows_cannot_be_removed_the_outbox_warns_and_goes_on_delivering()
    {
        var sink = new RecordingSink();
        var services = Open(sink);
        using (var connection = services.GetRequiredService<SqliteDatabase>().OpenRead())
            Execute(connection, "CREATE TRIGGER keep_outbox BEFORE DELETE ON alert_outbox BEGIN SELECT RAISE(ABORT, 'kept'); END");
        var outbox = await StartAsync(services);
        var alerts = services.GetRequiredService<IAlertStore>();

        var (first, _) = await alerts.RaiseAsync(Make("SN1"), Window, default);
        Assert.Equal((first.Id, true), Pushed(await sink.NextAsync(Generous)));
        var (second, _) = await alerts.RaiseAsync(Make("SN2"), Window, default);
        Assert.Equal((second.Id, true), Pushed(await sink.NextAsync(Generous)));

        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("could not be removed", StringComparison.Ordinal));
        Assert.Equal(2, outbox.Pending());
        Assert.False(outbox.ExecuteTask!.IsCompleted);
    }

    private static (long Id, bool IsNew) Pushed((Alert Alert, bool IsNew) push) => (push.Alert.Id, push.IsNew);

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Keeps every entry logged, for tests that assert what was reported.</summary>
    private sealed class RecordingLogger : ILogger<SqliteAlertOutbox>
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

        public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue((logLevel, formatter(state, exception)));
    }

    /// <summary>Keeps what it is handed; fails the first <c>failFirst</c> calls like a broken push loop.</summary>
    private sealed class RecordingSink(int failFirst = 0) : IAlertChangeSink
    {
        private readonly Channel<(Alert, bool)> _received = Channel.CreateUnbounded<(Alert, bool)>();
        private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ValueTask AcceptAsync(Alert alert, bool isNew, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            _called.TrySetResult();
            if (call <= failFirst) return ValueTask.FromException(new InvalidOperationException("push loop down"));
            return _received.Writer.WriteAsync((alert, isNew), cancellationToken);
        }

        public Task CalledAsync(TimeSpan timeout) => _called.Task.WaitAsync(timeout);

        public async Task<(Alert Alert, bool IsNew)> NextAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            return await _received.Reader.ReadAsync(cts.Token);
        }

        public bool TryTake(out (Alert, bool) item) => _received.Reader.TryRead(out item);
    }
}
