using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using DrugTrace.Application.Epcis;
using DrugTrace.Domain.Epcis;
using DrugTrace.Web.Epcis;
using DrugTrace.Web.Infrastructure;
using Mediator;
using Microsoft.Extensions.Options;

namespace DrugTrace.Web.Endpoints;

/// <summary>EPCIS 2.0 capture (REST binding): POST a document, follow its job.</summary>
public static class CaptureEndpoints
{
    public const string ValidationException = "epcisException:ValidationException";

    public static WebApplication MapCaptureEndpoints(this WebApplication app)
    {
        var capture = app.MapGroup("/epcis/capture").RequireAuthorization().WithTags("EPCIS");
        capture.MapMethods("", ["OPTIONS"], (HttpContext http, IOptions<CaptureOptions> options) =>
            {
                Limits(http, options.Value);
                http.Response.Headers.Allow = "OPTIONS, POST";
                return Results.NoContent();
            })
            .WithSummary("The capture limits: GS1-EPCIS-Capture-Limit (events) and GS1-EPCIS-Capture-File-Size-Limit (bytes).")
            .Produces(204).ProducesProblem(401);

        capture.MapPost("", CaptureAsync)
            .Accepts<JsonObject>(EpcisEndpoints.LdJson, "application/json")
            .WithSummary("Captures an EPCISDocument (application/ld+json) as a job: 202 with Location /epcis/capture/{id}. "
                + "GS1-Capture-Error-Behaviour: rollback (default: all events or none) or proceed (each event on its own).")
            .Produces<CaptureAccepted>(202)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(415);

        capture.MapGet("/{captureID}", async (string captureID, ClaimsPrincipal user, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var job = await mediator.Send(new GetCaptureJob(user.GlnOf(), captureID), ct);
                EpcisEndpoints.VersionHeaders(http);
                return Results.Json(new CaptureJobView(job.CaptureID, job.Running, job.Success, job.CaptureErrorBehaviour, job.Events, job.Applied, job.Errors));
            })
            .WithSummary("A capture job: running, success, and each event not applied with the reason.")
            .Produces<CaptureJobView>(200).ProducesProblem(401).ProducesProblem(404);
        return app;
    }

    private static async Task<IResult> CaptureAsync(HttpContext http, ClaimsPrincipal user, CaptureJobs jobs, EpcisSchema schema,
        IOptions<CaptureOptions> options, CancellationToken ct)
    {
        var limits = options.Value;
        Limits(http, limits);
        EpcisEndpoints.VersionHeaders(http);
        var request = http.Request;
        if (request.ContentType is not { } type || !(type.StartsWith(EpcisEndpoints.LdJson, StringComparison.OrdinalIgnoreCase)
                                                     || type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)))
            return Problem(415, "Unsupported media type", $"Send the EPCIS document as {EpcisEndpoints.LdJson}{(request.ContentType is null ? "" : $", not {request.ContentType}")}.");
        if (EpcisEndpoints.UnsupportedVersion(request) is { } unsupported) return unsupported;
        var behaviour = Header(request, "GS1-Capture-Error-Behaviour")?.ToLowerInvariant() ?? "rollback";
        if (behaviour is not ("rollback" or "proceed"))
            return Problem(400, "Unknown error behaviour", $"GS1-Capture-Error-Behaviour must be rollback or proceed, not '{behaviour}'.", ValidationException);
        if (request.ContentLength > limits.CaptureFileSizeLimit)
            return Problem(413, "Document too large", $"The document is {request.ContentLength} bytes; at most {limits.CaptureFileSizeLimit} are accepted.");

        // Read at most the limit, also when no Content-Length was sent.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limits.CaptureFileSizeLimit)
                return Problem(413, "Document too large", $"The document is larger than {limits.CaptureFileSizeLimit} bytes.");
        }
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException e)
        {
            return Problem(400, "Not JSON", $"The document is not valid JSON: {e.Message.Split(" Path:")[0]}", ValidationException);
        }
        using (parsed)
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Object || !parsed.RootElement.TryGetProperty("type", out var docType)
                || docType.ValueKind != JsonValueKind.String || docType.GetString() != "EPCISDocument")
                return Problem(400, "Not an EPCIS document", "The body must be an EPCISDocument (its type is EPCISDocument).", ValidationException);
            var problems = schema.Validate(parsed.RootElement);
            if (problems.Count > 0)
                return Problem(400, "The document does not match the EPCIS 2.0 schema", string.Join("; ", problems), ValidationException);
            var document = JsonNode.Parse(parsed.RootElement.GetRawText())!.AsObject();
            var count = (document["epcisBody"]?["eventList"] as JsonArray)?.Count ?? 0;
            if (count > limits.CaptureLimit)
                return Problem(413, "Too many events", $"The document has {count} events; at most {limits.CaptureLimit} are accepted in one capture.");
            var job = await jobs.StartAsync(user.GlnOf(), document, behaviour == "rollback", ct);
            return Results.Accepted($"/epcis/capture/{job.CaptureID}", new CaptureAccepted(job.CaptureID));
        }
    }

    private static string? Header(HttpRequest request, string name) => EpcisEndpoints.Header(request, name);

    private static void Limits(HttpContext http, CaptureOptions limits)
    {
        http.Response.Headers["GS1-EPCIS-Capture-Limit"] = limits.CaptureLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers["GS1-EPCIS-Capture-File-Size-Limit"] = limits.CaptureFileSizeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IResult Problem(int status, string title, string detail, string? type = null) =>
        Results.Problem(statusCode: status, title: title, detail: detail, type: type);
}

