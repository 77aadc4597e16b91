using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Endpoints;

/// <summary>The OpenAPI document lists every EPCIS and VRS endpoint with the statuses it answers, and no other under those roots.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiInteropTests(DrugTraceFactory factory)
{
    private static readonly (string Path, string Method, int[] Statuses)[] Expected =
    [
        ("/api/v1/packs/{gtin}/{serial}/epcis", "get", [200, 400, 401, 404]),
        ("/epcis/events", "get", [200, 400, 401]),
        ("/epcis/events/{eventID}", "get", [200, 400, 401, 404]),
        ("/epcis/epcs/{epc}/events", "get", [200, 400, 401]),
        ("/epcis/capture", "options", [204, 401]),
        ("/epcis/capture", "post", [202, 400, 401, 413, 415]),
        ("/epcis/capture/{captureID}", "get", [200, 401, 404]),
        ("/vrs/checkConnectivity", "get", [200, 400, 401, 403]),
        ("/vrs/verify/gtin/{gtin}/lot/{lot}/ser/{serial}", "get", [200, 400, 401, 403]),
        ("/vrs/01/{gtin}/10/{lot}/21/{serial}", "get", [200, 400, 401, 403]),
    ];

    [Fact]
    public async Task Every_EPCIS_and_VRS_endpoint_is_documented_with_its_statuses_and_the_API_key()
    {
        var paths = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");

        var documented = paths.EnumerateObject()
            .Where(p => p.Name.StartsWith("/epcis", StringComparison.Ordinal) || p.Name.StartsWith("/vrs", StringComparison.Ordinal) || p.Name.EndsWith("/epcis", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "options" or "patch").Select(o => (p.Name, o.Name)))
            .Order().ToArray();
        Assert.Equal(Expected.Select(e => (e.Path, e.Method)).Order(), documented);

        foreach (var (path, method, statuses) in Expected)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).Order();
            Assert.True(statuses.SequenceEqual(responses), $"{method} {path}: {string.Join(", ", responses)}");
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
            Assert.Contains(operation.GetProperty("security").EnumerateArray(), s => s.TryGetProperty("ApiKey", out _));
            foreach (var problem in statuses.Where(s => s >= 400))
                Assert.True(operation.GetProperty("responses").GetProperty(problem.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} {problem} is not a problem");
        }
        // The EPCIS answers are JSON-LD.
        Assert.True(paths.GetProperty("/epcis/events").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").TryGetProperty("application/ld+json", out _));
    }
}
