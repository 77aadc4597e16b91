using System.Net;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Endpoints;

[Collection(ApiCollection.Name)]
public sealed class HostTests(DrugTraceFactory factory)
{
    [Fact]
    public async Task The_top_level_wwwroot_is_the_web_root()
    {
        var response = await factory.CreateClient().GetAsync("/robots.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = await File.ReadAllTextAsync(Path.Combine(SolutionFolder(), "wwwroot", "robots.txt"));
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_answers_when_the_store_does()
    {
        var response = await factory.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint_group()
    {
        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/v1/products", "/api/v1/lots", "/api/v1/lots/{gtin}/{lot}/packs", "/api/v1/lots/{gtin}/{lot}/recall",
                     "/api/v1/scans", "/api/v1/packs/{gtin}/{serial}", "/api/v1/audit", "/api/v1/parties" })
            Assert.Contains(path, paths);
        var scalar = await factory.CreateClient().GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
    }

    [Fact]
    public async Task Seed_data_is_loaded_into_an_empty_store()
    {
        var audit = await Api.AuditAsync(factory.ClientFor(Demo.RegulatorKey));
        Assert.True(audit.GetProperty("packs").GetInt64() >= 1000);
        var parties = JsonDocument.Parse(await factory.ClientFor(Demo.PharmacyKey).GetStringAsync("/api/v1/parties")).RootElement;
        Assert.Equal(8, parties.GetArrayLength());
    }

    private static string SolutionFolder() =>
        Infrastructure.SolutionFolder.Path;
}
