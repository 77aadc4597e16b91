using System.Net;
using System.Net.Http.Json;
using DrugTrace.Storage.Sqlite;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Web.Tests.Endpoints;

/// <summary>
/// The API when the store cannot write: SQLite's max_page_count on the writer connection makes
/// the file full part-way through a commission. Its own app, since it fills the store.
/// </summary>
public sealed class StoreFaultTests : IDisposable
{
    // No checkpoint is signed in the background while the disk is full: any write that commits clears the fault.
    private readonly DrugTraceFactory _factory = new() { Settings = { ["Log:CheckpointInterval"] = "01:00:00" } };

    [Fact]
    public async Task A_full_store_answers_503_in_plain_words_turns_health_red_and_recovers_without_a_restart()
    {
        var manufacturer = _factory.ClientFor(Demo.ManufacturerKey);
        var anonymous = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        var gtin = Api.NewGtin();
        (await manufacturer.PostAsJsonAsync("/api/v1/products", new { gtin, name = "Full disk tablets" })).EnsureSuccessStatusCode();

        var writer = _factory.Services.GetRequiredService<SqliteDatabase>().Writer;
        var pages = await writer.WriteAsync(w => (long)w.Command("PRAGMA page_count").ExecuteScalar()!);
        await writer.WriteAsync(w => w.Command($"PRAGMA max_page_count = {pages}").ExecuteScalar());

        var lot = new { gtin, lot = "FULL1", expiry = "2030-01-31", quantity = 3000 };
        var problem = await Api.ProblemAsync(await manufacturer.PostAsJsonAsync("/api/v1/lots", lot), HttpStatusCode.ServiceUnavailable);
        Assert.StartsWith("The store cannot write: disk full.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite Error", problem.ToString(), StringComparison.Ordinal);

        var health = await anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await manufacturer.GetAsync($"/api/v1/lots/{gtin}/FULL1/packs")).StatusCode);

        await writer.WriteAsync(w => w.Command("PRAGMA max_page_count = 1073741823").ExecuteScalar());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await manufacturer.PostAsJsonAsync("/api/v1/lots", lot)).StatusCode);
        Assert.True((await Api.AuditAsync(_factory.ClientFor(Demo.RegulatorKey))).GetProperty("valid").GetBoolean());
    }

    public void Dispose() => _factory.Dispose();
}
