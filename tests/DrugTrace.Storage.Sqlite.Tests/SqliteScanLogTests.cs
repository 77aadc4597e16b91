using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Storage.Sqlite.Tests;

/// <summary>
/// The scan log does not hold its caller until the scan is committed, yet this process reads its own
/// scans, and a clean shutdown writes every queued scan.
/// </summary>
public sealed class SqliteScanLogTests : IAsyncLifetime
{
    private const string Pharmacy = "4012347000014";
    private const string Gtin = "04012345000115";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero);
    private readonly SqliteTestStore _store = new("drugtrace-scanlog-");

    private IScanLog Scans => _store.Get<IScanLog>();

    private static ScanRecord Scan(string serial, int minute = 0) =>
        new(Now.AddMinutes(minute), Pharmacy, "verify", $"(01){Gtin}(21){serial}", Gtin, serial, "ok", null);

    [Fact]
    public async Task A_scan_is_answered_before_its_commit_and_a_read_of_its_pack_waits_for_it()
    {
        // Hold the writer, as a long group commit would.
        using var gate = new ManualResetEventSlim();
        var holding = _store.Get<SqliteDatabase>().Writer.WriteAsync(_ => gate.Wait(TimeSpan.FromMinutes(2)));

        var record = Scans.RecordAsync(Scan("SN1"), default);
        Assert.True(record.IsCompletedSuccessfully);
        var read = Scans.SightingsOfPackAsync(Gtin, "SN1", Now.AddHours(-1), default).AsTask();
        var counts = Scans.CountPerHourAsync(Now.AddHours(-1), default).AsTask();
        // Another pack's scans are not held up by this one.
        Assert.Empty(await Scans.SightingsOfPackAsync(Gtin, "SN2", Now.AddHours(-1), default));
        Assert.False(read.IsCompleted);
        Assert.False(counts.IsCompleted);

        gate.Set();
        Assert.True(await holding);
        Assert.Equal(new ScanSighting(Pharmacy, Now), Assert.Single(await read));
        Assert.Equal(1, Assert.Single(await counts).Count);
    }

    [Fact]
    public async Task A_read_of_a_pack_waits_for_every_queued_scan_of_it_and_then_for_none()
    {
        const string Wholesaler = "4012347000021";
        using var gate = new ManualResetEventSlim();
        var holding = _store.Get<SqliteDatabase>().Writer.WriteAsync(_ => gate.Wait(TimeSpan.FromMinutes(2)));
        await Scans.RecordAsync(Scan("SN1"), default);
        await Scans.RecordAsync(Scan("SN2"), default);
        await Scans.RecordAsync(Scan("SN1", 1) with { Actor = Wholesaler }, default);

        var read = Scans.SightingsOfPackAsync(Gtin, "SN1", Now.AddHours(-1), default).AsTask();
        Assert.False(read.IsCompleted);
        gate.Set();
        Assert.True(await holding);

        Assert.Equal([new ScanSighting(Wholesaler, Now.AddMinutes(1)), new ScanSighting(Pharmacy, Now)], await read);
        // Written: a later read of the pack has nothing to wait for, even with the writer held again.
        using var second = new ManualResetEventSlim();
        var holdingAgain = _store.Get<SqliteDatabase>().Writer.WriteAsync(_ => second.Wait(TimeSpan.FromMinutes(2)));
        var again = Scans.SightingsOfPackAsync(Gtin, "SN1", Now.AddHours(-1), default).AsTask();
        Assert.Equal(2, (await again).Count);
        second.Set();
        Assert.True(await holdingAgain);
    }

    [Fact]
    public async Task Scans_queued_when_the_store_closes_are_all_written()
    {
        for (var i = 0; i < 500; i++) await Scans.RecordAsync(Scan($"Q{i % 50}", i % 30), default);

        await _store.ReopenAsync();

        Assert.Equal(500, (await Scans.CountPerHourAsync(Now.AddHours(-1), default)).Sum(c => c.Count));
        // Q7's last scan was the 458th (i = 457, minute 457 % 30).
        Assert.Equal(new ScanSighting(Pharmacy, Now.AddMinutes(7)), Assert.Single(await Scans.SightingsOfPackAsync(Gtin, "Q7", Now.AddHours(-1), default)));
    }

    [Fact]
    public async Task A_pack_scanned_again_and_again_keeps_one_sighting_row_per_party_at_its_latest_scan()
    {
        const string Wholesaler = "4012347000021";
        for (var i = 0; i < 60; i++) await Scans.RecordAsync(Scan("SN1", i % 20), default);
        await Scans.RecordAsync(Scan("SN1", 25) with { Actor = Wholesaler }, default);
        // A shipping scan is no sighting: it leaves the wholesaler's latest one as it was.
        await Scans.RecordAsync(Scan("SN1", 30) with { Actor = Wholesaler, Action = "ship" }, default);

        // The last of the pharmacy's scans was at minute 59 % 20, after earlier ones at later minutes: the latest scan counts, not the latest time.
        Assert.Equal([new ScanSighting(Wholesaler, Now.AddMinutes(25)), new ScanSighting(Pharmacy, Now.AddMinutes(19))],
            await Scans.SightingsOfPackAsync(Gtin, "SN1", Now.AddHours(-1), default));
        Assert.Equal([new ScanSighting(Wholesaler, Now.AddMinutes(25))], await Scans.SightingsOfPackAsync(Gtin, "SN1", Now.AddMinutes(20), default));
        using var connection = _store.Get<SqliteDatabase>().OpenRead();
        Assert.Equal(2L, TestSql.Scalar(connection, "SELECT COUNT(*) FROM sightings WHERE serial = 'SN1'"));
        Assert.Equal(62L, TestSql.Scalar(connection, "SELECT COUNT(*) FROM scans WHERE serial = 'SN1'"));
    }

    [Fact]
    public async Task A_database_from_before_the_sightings_table_gets_it_filled_from_its_scans_on_start()
    {
        const string Wholesaler = "4012347000021";
        await Scans.RecordAsync(Scan("SN1", 1), default);
        await Scans.RecordAsync(Scan("SN1", 3), default);
        await Scans.RecordAsync(Scan("SN1", 2) with { Actor = Wholesaler }, default);
        await Scans.RecordAsync(Scan("SN1", 4) with { Actor = Wholesaler, Action = "ship" }, default);
        await Scans.RecordAsync(Scan("SN2", 5), default);
        await Scans.RecordAsync(new ScanRecord(Now, Pharmacy, "verify", "garbage", null, null, "unreadable", null), default);
        Assert.Equal(6, (await Scans.CountPerHourAsync(Now.AddHours(-1), default)).Sum(c => c.Count)); // all written
        // Back to the schema before: no table, the index over every scan.
        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
        {
            TestSql.Execute(connection, $"""
                DROP TABLE sightings;
                CREATE INDEX scans_sightings ON scans(gtin, serial, at, actor, action);
                PRAGMA user_version = {SqliteSchema.VersionAfter(SqliteSchema.SightingsTableMigration) - 1};
                """);
        }
        await _store.ReopenAsync();

        // Newest scan first: the wholesaler's came after the pharmacy's second (which was at a later minute).
        Assert.Equal([new ScanSighting(Wholesaler, Now.AddMinutes(2)), new ScanSighting(Pharmacy, Now.AddMinutes(3))],
            await Scans.SightingsOfPackAsync(Gtin, "SN1", Now.AddHours(-1), default));
        Assert.Equal(new ScanSighting(Pharmacy, Now.AddMinutes(5)), Assert.Single(await Scans.SightingsOfPackAsync(Gtin, "SN2", Now.AddHours(-1), default)));
        using var reopened = _store.Get<SqliteDatabase>().OpenRead();
        Assert.Equal((long)SqliteSchema.Version, TestSql.Scalar(reopened, "PRAGMA user_version"));
        Assert.Equal(3L, TestSql.Scalar(reopened, "SELECT COUNT(*) FROM sightings"));
        Assert.Equal(0L, TestSql.Scalar(reopened, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'scans_sightings'"));
    }

    [Fact]
    public async Task A_scan_recorded_with_a_cancelled_token_is_refused_and_not_recorded()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Scans.RecordAsync(Scan("C1"), new CancellationToken(canceled: true)).AsTask());
        Assert.Empty(await Scans.CountPerHourAsync(Now.AddHours(-1), default));
    }

    [Fact]
    public async Task Counting_with_a_cancelled_token_over_a_written_log_is_cancelled()
    {
        await Scans.RecordAsync(Scan("C1"), default);
        Assert.Equal(1, Assert.Single(await Scans.CountPerHourAsync(Now.AddHours(-1), default)).Count); // written now
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Scans.CountPerHourAsync(Now.AddHours(-1), new CancellationToken(canceled: true)).AsTask());
    }

    [Fact]
    public async Task Scans_are_counted_by_the_UTC_hour_they_fall_in_from_the_given_time_on()
    {
        var since = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        foreach (var at in new[] { since.AddMilliseconds(-1), since, since.AddMinutes(30), since.AddMinutes(90) })
            await Scans.RecordAsync(new ScanRecord(at, Pharmacy, "verify", "(01)x", Gtin, "SN1", "ok", null), default);

        var counts = await Scans.CountPerHourAsync(since, default);

        Assert.Equal([(since, 2), (since.AddHours(1), 1)], counts.OrderBy(c => c.Hour));
    }

    [Fact]
    public async Task Past_the_most_unwritten_scans_a_caller_waits_for_its_own_write()
    {
        using var gate = new ManualResetEventSlim();
        var holding = _store.Get<SqliteDatabase>().Writer.WriteAsync(_ => gate.Wait(TimeSpan.FromMinutes(2)));
        for (var i = 0; i < SqliteScanLog.MaxUnwritten; i++)
            Assert.True(Scans.RecordAsync(Scan($"B{i}"), default).AsTask().IsCompletedSuccessfully);

        // The writer still holds every one of them: the next caller waits for its scan's commit.
        var waiting = Scans.RecordAsync(Scan("LAST"), default).AsTask();
        Assert.False(waiting.IsCompleted);

        gate.Set();
        Assert.True(await holding);
        await waiting;
        Assert.Equal(new ScanSighting(Pharmacy, Now), Assert.Single(await Scans.SightingsOfPackAsync(Gtin, "LAST", Now.AddHours(-1), default)));
    }

    [Fact]
    public async Task A_scan_that_cannot_be_written_is_logged_and_the_caller_goes_on()
    {
        var logger = new WarningLogger();
        var scans = new SqliteScanLog(_store.Get<SqliteDatabase>(), logger);
        using (var connection = _store.Get<SqliteDatabase>().OpenRead())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TRIGGER no_scans BEFORE INSERT ON scans BEGIN SELECT RAISE(ABORT, 'no scans'); END";
            command.ExecuteNonQuery();
        }

        await scans.RecordAsync(Scan("LOST"), default);

        Assert.Empty(await scans.CountPerHourAsync(Now.AddHours(-1), default)); // waits for the failed write
        Assert.Contains("could not record a verify scan", Assert.Single(logger.Warnings), StringComparison.Ordinal);
    }

    /// <summary>Keeps the warnings logged.</summary>
    private sealed class WarningLogger : Microsoft.Extensions.Logging.ILogger<SqliteScanLog>
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _warnings = new();

        public IReadOnlyList<string> Warnings => [.. _warnings];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == Microsoft.Extensions.Logging.LogLevel.Warning) _warnings.Enqueue(formatter(state, exception));
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _store.DeleteAsync();
}
