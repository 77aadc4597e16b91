using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DrugTrace.Application.Epcis;

namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>EPCIS helpers: the official schema validator and the official example documents.</summary>
public static class EpcisKit
{
    public static readonly EpcisSchema Schema = new();

    public static string ExamplesFolder => Path.Combine(AppContext.BaseDirectory, "TestData", "Epcis", "examples");

    public static IEnumerable<string> Examples() =>
        Directory.EnumerateFiles(ExamplesFolder, "*.jsonld", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static void AssertValid(JsonNode document)
    {
        var problems = Schema.Validate(JsonDocument.Parse(document.ToJsonString()).RootElement);
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + document.ToJsonString());
    }

    public static async Task<JsonObject> ExportAsync(HttpClient client, string gtin, string serial)
    {
        var response = await client.GetAsync($"/api/v1/packs/{gtin}/{Uri.EscapeDataString(serial)}/epcis");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2.0", response.Headers.GetValues("GS1-EPCIS-Version").Single());
        return JsonNode.Parse(text)!.AsObject();
    }

    public static JsonObject[] Events(JsonObject document) =>
        [.. (document["epcisBody"]!["eventList"] ?? document["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"])!
            .AsArray().Select(e => e!.AsObject())];
}
