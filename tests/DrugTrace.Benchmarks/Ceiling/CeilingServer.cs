using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Wire;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Gs1;
using DrugTrace.Web.Endpoints.Contracts;

namespace DrugTrace.Benchmarks.Ceiling;

/// <summary>
/// What the web stack allows on this machine: a bare ASP.NET Core minimal API with the scan route's
/// request and response shapes and no store. It binds the same <see cref="Scan"/> JSON body, checks
/// the X-Api-Key header by its SHA-256 hash (as the app does, against a dictionary instead of the
/// party store), reads the code with the app's GS1 parser and answers a verify-shaped
/// <see cref="ScanOutcome"/>. Run as its own child process (<c>--ceiling-server</c>), like the app.
/// </summary>
public static class CeilingServer
{
    public const string Argument = "--ceiling-server";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        // The demo parties' keys, hashed as the party store keeps them.
        var keys = new[] { ApiClient.Manufacturer, ApiClient.Wholesaler, ApiClient.Pharmacy }
            .ToFrozenDictionary(ApiKeys.Hash, k => k, StringComparer.Ordinal);
        var ok = new WireName<ScanVerdict>(ScanVerdict.Ok);
        app.MapGet("/health", () => "Healthy");
        app.MapPost("/api/v1/scans", (Scan body, HttpRequest request) =>
        {
            var key = request.Headers["X-Api-Key"].ToString();
            if (key.Length == 0 || !keys.ContainsKey(ApiKeys.Hash(key.Trim())))
                return Results.Problem(statusCode: 401, title: "Not signed in", detail: "The X-Api-Key header does not hold a valid API key.");
            var parsed = Gs1Parser.ParsePack(body.Code ?? "", DateOnly.FromDateTime(DateTime.UtcNow));
            if (!parsed.IsSuccess)
                return Results.Problem(statusCode: 400, title: "Invalid code", detail: parsed.Error!.Message);
            var pack = parsed.Value!;
            return Results.Ok(new ScanOutcome(ok, "Genuine pack, in your stock.",
                new PackView(pack.Gtin.Value, pack.Serial, pack.Lot ?? "", pack.Expiry ?? default, "active", ApiClient.PharmacyGln, "Benchmark capsules 20 mg, 20"),
                [], null));
        });
        await app.RunAsync();
        return 0;
    }
}
