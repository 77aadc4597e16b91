using DrugTrace.Application.Common.Interfaces;

namespace DrugTrace.Web.Transparency;

/// <summary>Posts add-checkpoint bodies with the named client "witness"; a witness that is down is a reply with status 0.</summary>
public sealed class HttpWitnessClient(IHttpClientFactory factory) : IWitnessClient
{
    public const string ClientName = "witness";

    public async ValueTask<WitnessReply> AddCheckpointAsync(string url, string body, CancellationToken cancellationToken)
    {
        var target = url.TrimEnd('/') + "/add-checkpoint";
        try
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "text/plain");
            using var response = await factory.CreateClient(ClientName).PostAsync(target, content, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new WitnessReply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
        }
        catch (HttpRequestException ex)
        {
            return new WitnessReply(0, null, $"{target}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WitnessReply(0, null, $"{target}: no answer within the timeout");
        }
    }
}
