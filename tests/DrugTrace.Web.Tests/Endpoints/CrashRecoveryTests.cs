using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Web.Tests.Endpoints;

public sealed class CrashRecoveryTests : IDisposable
{
    private static readonly string[] Lots = ["BIG1", "BIG2", "BIG3", "BIG4"];

    private readonly string _data = Directory.CreateTempSubdirectory("drugtrace-crash-").FullName;

    [Fact]
    public async Task Killing_the_process_during_a_bulk_commission_leaves_no_partial_lot_and_a_valid_audit()
    {
        var gtin = Api.NewGtin();
        using (var app = await AppProcess.StartAsync(_data))
        {
            var manufacturer = app.ClientFor(Demo.ManufacturerKey);
            (await manufacturer.PostAsJsonAsync("/api/v1/products", new { gtin, name = "Crash test tablets" })).EnsureSuccessStatusCode();
            // Four 100,000-pack lots queue behind one another at the single writer; the kill lands
            // once a write transaction is seen open (not after a guessed time, which a loaded machine overruns).
            var commissions = Lots.Select(lot =>
                manufacturer.PostAsJsonAsync("/api/v1/lots", new { gtin, lot, expiry = "2030-01-31", quantity = 100_000 })).ToList();
            await WaitForAWriteInProgressAsync(Path.Combine(_data, "drugtrace.db"), commissions);
            app.Kill();
            var outcomes = await Task.WhenAll(commissions.Select(c => Record.ExceptionAsync(() => c)));
            Assert.True(outcomes.Any(o => o is HttpRequestException or TaskCanceledException),
                "Every commission finished before the kill; the test proved nothing. Make the lots bigger.");
        }
        SqliteConnection.ClearAllPools();

        using (var app = await AppProcess.StartAsync(_data))
        {
            var regulator = app.ClientFor(Demo.RegulatorKey);
            var audit = await regulator.GetFromJsonAsync<JsonElement>("/api/v1/audit");
            Assert.True(audit.GetProperty("valid").GetBoolean(), audit.ToString());
            foreach (var lot in Lots)
            {
                var packs = await regulator.GetAsync($"/api/v1/lots/{gtin}/{lot}/packs?take=1");
                if (packs.StatusCode == HttpStatusCode.OK)
                    Assert.Equal(100_000, (await packs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32());
                else
                    Assert.Equal(HttpStatusCode.NotFound, packs.StatusCode);
            }

            // The store still takes writes after the crash.
            var retry = await app.ClientFor(Demo.ManufacturerKey)
                .PostAsJsonAsync("/api/v1/lots", new { gtin, lot = "AFTER", expiry = "2030-01-31", quantity = 10 });
            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        }
    }

    /// <summary>
    /// Returns once another connection holds the database's write lock for over a second (BEGIN
    /// IMMEDIATE answers SQLITE_BUSY; Microsoft.Data.Sqlite retries a busy command until its
    /// timeout, 0 meaning for ever): a big commission is being written. Fails if every commission ends first.
    /// </summary>
    private static async Task WaitForAWriteInProgressAsync(string database, IReadOnlyList<Task<HttpResponseMessage>> commissions)
    {
        var probe = new SqliteConnectionStringBuilder { DataSource = database, Pooling = false, DefaultTimeout = 1 }.ToString();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (true)
        {
            Assert.False(commissions.All(c => c.IsCompleted), "Every commission finished before a write was seen; make the lots bigger.");
            await using (var connection = new SqliteConnection(probe))
            {
                await connection.OpenAsync(timeout.Token);
                await using var command = connection.CreateCommand();
                command.CommandText = "BEGIN IMMEDIATE";
                try
                {
                    await command.ExecuteNonQueryAsync(timeout.Token);
                    command.CommandText = "ROLLBACK";
                    await command.ExecuteNonQueryAsync(timeout.Token);
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == 5)
                {
                    return; // SQLITE_BUSY: the app's writer is inside a transaction.
                }
            }
            // A poll interval, not a guess of how long anything takes: the condition above decides.
            await Task.Delay(20, timeout.Token);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does not make the test wrong.
        }
    }
}
