using System.Diagnostics;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Products;
using DrugTrace.Domain.Parties;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Benchmarks.Scenarios;

/// <summary>
/// Commissioning through the real RegisterLot use case: lots of 1,000 packs each, sent as the
/// manufacturer to IMediator resolved from the app's own DI, stored in SQLite (synchronous=FULL).
/// </summary>
public static class Commission
{
    public const string ManufacturerGln = "4012345000016";
    public const string RegulatorGln = "4012349000012";
    public const int PacksPerLot = 1_000;

    /// <summary>RegisterLot requests in flight at once (as several API clients would send them).</summary>
    public const int Senders = 4;

    public static async Task<ScenarioResult> RunAsync(Scale scale, InProcessApp app, double rawSqliteRowsPerSecond)
    {
        var lots = scale.Of(1_000);
        var gtin = AppPaths.Gtin(90001);
        await app.Parties.AddAsync(new Party(ManufacturerGln, "Helvetia Pharma AG", PartyRole.Manufacturer), null, ["4012345"], default);
        await app.Parties.AddAsync(new Party(RegulatorGln, "National Medicines Verification Authority", PartyRole.Regulator), null, default);
        await app.SendAsync(new RegisterProduct(ManufacturerGln, gtin, "Benchmark tablets 10 mg, 30", "tablet", "10 mg"));

        var next = -1;
        long packs = 0;
        var elapsed = await Measure.TimeAsync(() => Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < lots; i = Interlocked.Increment(ref next))
            {
                var lot = await app.SendAsync(new RegisterLot(ManufacturerGln, gtin, $"B{i:D6}", "2030-12-31", PacksPerLot));
                Interlocked.Add(ref packs, lot.Serials.Count);
            }
        }))));
        var rate = Measure.Rate(packs, elapsed);

        long size;
        if (app.DatabaseFile is { } file)
        {
            // Size once the WAL is folded into the main file (not timed).
            using (var connection = new SqliteConnection($"Data Source={file}"))
            {
                connection.Open();
                using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                checkpoint.ExecuteNonQuery();
            }
            size = AppPaths.DatabaseBytes(file);
        }
        else
        {
            size = await app.Store.StoredBytesAsync();
        }
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;

        var figures = new List<Figure>
        {
            new("commission rate", "≥ 50,000 packs/s", $"{Measure.N(rate)} packs/s ({Measure.N(packs)} packs in {Measure.Seconds(elapsed)})", rate >= 50_000),
            app.Store.IsMongo
                ? new("vs. raw SQLite insert", "(SQLite only)", $"not compared: the store is MongoDB (raw SQLite here: {Measure.N(rawSqliteRowsPerSecond)} rows/s)", null)
                : new("vs. raw SQLite insert", "≥ 50 % of raw rows/s", $"{rate / rawSqliteRowsPerSecond:P0} of {Measure.N(rawSqliteRowsPerSecond)} rows/s", rate >= rawSqliteRowsPerSecond / 2),
            new("rows written vs. raw SQLite insert", "(reference)", app.Store.IsMongo ? "not compared: the store is MongoDB"
                : $"{Measure.N(rate * 2)} rows/s (a pack row and an event row per pack) = {rate * 2 / rawSqliteRowsPerSecond:P0} of the raw rate", null),
            new("database size", "(reference)", app.Store.IsMongo
                ? $"{Measure.Mb(size)} ({Measure.N((double)size / packs)} bytes/pack, dbStats storageSize + indexSize)"
                : $"{Measure.Mb(size)} ({Measure.N((double)size / packs)} bytes/pack, after a WAL checkpoint)", null),
        };
        var method = $"""
            {Measure.N(lots)} lots × {PacksPerLot:N0} packs = {Measure.N(packs)} packs. The benchmark builds the app's
            service collection exactly as `Program.cs` does (`AddApplication().AddStorage(...).AddWebServices(...)`, store: {app.Store.Describe()})
            over a new temporary data directory with `Storage:Sqlite:Synchronous=FULL`, registers the manufacturer and
            the product, and then sends one `RegisterLot` per lot to `IMediator` in its own DI scope (so validation,
            authorisation, serial generation, hashing of every event and the SQLite group-commit writer all run).
            {Senders} senders keep {Senders} lots in flight, as that many API clients would: lots are built and hashed
            while the writer stores others, and lots that wait for the writer share one group commit (each lot in its
            own savepoint, all or nothing). Timed from the first send to the last completed
            lot. The raw rate compared against is scenario 1's plain insert of event-sized rows, which writes one row per
            pack; the app writes two (a `packs` row and an `events` row, each with a unique index).
            Peak working set of the benchmark process at this point: {Measure.Mb(peak)}.
            """;
        return new ScenarioResult("2. Commission 1,000,000 packs", figures, method);
    }
}
