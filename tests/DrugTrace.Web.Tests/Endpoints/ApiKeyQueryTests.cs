using System.Net;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Endpoints;

/// <summary>A key travels in the X-Api-Key header, or for the hub as SignalR's access_token; nowhere else.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiKeyQueryTests(DrugTraceFactory factory)
{
    [Fact]
    public async Task The_undocumented_api_key_query_parameter_signs_nobody_in()
    {
        var response = await factory.CreateClient().PostAsync($"/hubs/alerts/negotiate?negotiateVersion=1&api_key={Uri.EscapeDataString(Demo.RegulatorKey)}", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_access_token_still_does_for_the_hub()
    {
        var response = await factory.CreateClient().PostAsync($"/hubs/alerts/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(Demo.RegulatorKey)}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
