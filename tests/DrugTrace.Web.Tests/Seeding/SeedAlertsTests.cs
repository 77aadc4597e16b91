using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Seeding;

/// <summary>A new regulator's feed and dashboard are not empty: the seed raises real alerts through the scan use cases.</summary>
[Collection(ApiCollection.Name)]
public sealed class SeedAlertsTests(DrugTraceFactory factory)
{
    [Fact]
    public async Task The_seed_raises_a_double_dispense_a_stolen_pack_an_unknown_serial_and_a_probable_scanning_error()
    {
        var regulator = factory.ClientFor(Demo.RegulatorKey);

        // since=0: oldest first, so the seed's alerts come before whatever other tests raised meanwhile.
        var page = await regulator.GetFromJsonAsync<JsonElement>("/api/v1/alerts?since=0&scanningErrors=true&take=200");

        var items = page.EnumerateArray().Take(10).ToList();
        var kinds = items.Select(a => a.GetProperty("kind").GetString()).ToHashSet();
        Assert.Contains("AlreadyInactive", kinds);
        Assert.Contains("StolenPack", kinds);
        Assert.Contains("UnknownSerial", kinds);
        Assert.Contains(items, a => a.GetProperty("probableScanningError").GetBoolean());
    }
}
