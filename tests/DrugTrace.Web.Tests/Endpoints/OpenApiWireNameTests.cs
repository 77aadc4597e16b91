using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Endpoints;

/// <summary>Typed verdicts and statuses stay the words they always were in the API and its document.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiWireNameTests(DrugTraceFactory factory)
{
    [Fact]
    public async Task The_document_describes_a_verdict_as_one_of_its_words()
    {
        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var verdict = schemas.GetProperty("ScanOutcome").GetProperty("properties").GetProperty("verdict");
        var resolved = verdict.TryGetProperty("$ref", out var reference)
            ? schemas.GetProperty(reference.GetString()!.Split('/')[^1])
            : verdict;
        Assert.Equal("string", resolved.GetProperty("type").GetString());
        Assert.Equal(["ok", "alert", "refused", "warning"], resolved.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_scan_answers_with_the_verdict_word()
    {
        var client = factory.ClientFor(Demo.PharmacyKey);

        var response = await client.PostAsync("/api/v1/scans", System.Net.Http.Json.JsonContent.Create(new { code = "(01)09506000134352(21)NOSUCH", action = "verify" }));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(JsonValueKind.String, body.GetProperty("verdict").ValueKind);
        Assert.Contains(body.GetProperty("verdict").GetString(), new[] { "ok", "alert", "refused", "warning" });
    }
}
