using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace DrugTrace.Benchmarks;

/// <summary>HTTP calls to the running app, on one keep-alive connection pool.</summary>
public sealed class ApiClient : IDisposable
{
    public const string Manufacturer = "demo-manufacturer-helvetia";
    public const string ManufacturerGln = "4012345000016";
    public const string Wholesaler = "demo-wholesaler-atlas";
    public const string WholesalerGln = "4012346000015";
    public const string Pharmacy = "demo-pharmacy-linden";
    public const string PharmacyGln = "4012347000014";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    public ApiClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            MaxConnectionsPerServer = 256,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<T> PostAsync<T>(string path, string apiKey, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, Json) ?? throw new InvalidOperationException($"POST {path} answered nothing.");
    }

    public async Task<T> GetAsync<T>(string path, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, Json) ?? throw new InvalidOperationException($"GET {path} answered nothing.");
    }

    public async Task<string> GetStringAsync(string path, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    /// <summary>A scan body serialised once, so that the timed loop does no JSON work of its own.</summary>
    public static byte[] ScanBody(string code, string action, string? to = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new { code, action, to }, Json);

    /// <summary>POSTs one scan and returns its latency in Stopwatch ticks and whether the verdict was "ok".</summary>
    public async Task<(long Ticks, bool Ok)> ScanAsync(string apiKey, byte[] body)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, ScansUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var ticks = Stopwatch.GetTimestamp() - start;
        return (ticks, response.IsSuccessStatusCode && text.Contains("\"verdict\":\"ok\"", StringComparison.Ordinal));
    }

    /// <summary>Sends one request and returns its latency in Stopwatch ticks, its status, body and Location.</summary>
    public async Task<(long Ticks, int Status, string Body, string? Location)> SendAsync(
        HttpMethod method, string path, string apiKey, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Api-Key", apiKey);
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (Stopwatch.GetTimestamp() - start, (int)response.StatusCode, text, response.Headers.Location?.ToString());
    }

    private static readonly Uri ScansUri = new("/api/v1/scans", UriKind.Relative);

    /// <summary>The human-readable code of a pack.</summary>
    public static string Code(LotResponse lot, string serial) =>
        new StringBuilder().Append("(01)").Append(lot.Gtin)
            .Append("(17)").Append(lot.Expiry.ToString("yyMMdd", Measure.Inv))
            .Append("(10)").Append(lot.Lot).Append("(21)").Append(serial).ToString();

    public void Dispose() => _http.Dispose();
}

public sealed record LotResponse(string Gtin, string Lot, DateOnly Expiry, IReadOnlyList<string> Serials);
