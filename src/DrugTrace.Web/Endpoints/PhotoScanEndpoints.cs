using DrugTrace.Application.Common.Wire;
using System.Security.Claims;
using DrugTrace.Application.Packs;
using DrugTrace.Web.Endpoints.Contracts;
using DrugTrace.Web.Infrastructure;
using DrugTrace.Web.Scanning;
using Mediator;
using Microsoft.AspNetCore.Http.Features;

namespace DrugTrace.Web.Endpoints;

/// <summary>A scan from a photo: the code found in it goes through the same scan use cases as a scanned one.</summary>
public static class PhotoScanEndpoints
{
    public static RouteGroupBuilder MapPhotoScanEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/scans/image", ScanImageAsync)
            .WithTags("Scans")
            .WithSummary("Scan a pack from a photo: multipart/form-data with 'image' (JPEG or PNG, at most Scanning:MaxImageBytes) and the scan's action, to, reason.")
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery();
        return api;
    }

    private static async Task<IResult> ScanImageAsync(HttpRequest request, ClaimsPrincipal user, PhotoReader photos, IMediator mediator, CancellationToken ct)
    {
        var max = photos.Limits.MaxImageBytes;
        // A declared size far over the limit is refused before a byte of it is read.
        if (request.ContentLength > max + 64 * 1024)
            return Problem(413, PhotoReader.TooLarge(max));
        if (!request.HasFormContentType)
            return Problem(415, "Send the photo as multipart/form-data with a file field named 'image'.");

        IFormCollection form;
        try
        {
            form = await new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = max + 64 * 1024 }).ReadFormAsync(ct);
        }
        catch (InvalidDataException e) when (e.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(413, PhotoReader.TooLarge(max));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            return Problem(413, PhotoReader.TooLarge(max));
        }
        // A broken body (no boundary, a cut-off part, malformed part headers) is the sender's mistake, not ours.
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException || (e is IOException && !ct.IsCancellationRequested))
        {
            return Problem(400, MalformedUpload);
        }

        var file = form.Files.GetFile("image") ?? form.Files.GetFile("file") ?? (form.Files.Count == 1 ? form.Files[0] : null);
        if (file is null)
            return Problem(400, form.Files.Count > 1 ? "Send one photo per request." : "No photo: add the file as the form field 'image'.");
        if (file.Length > max) return Problem(413, PhotoReader.TooLarge(max));

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, ct);
        var (code, problem) = photos.Read(bytes);
        if (problem is not null) return Problem(problem.Status, problem.Message);

        var scan = new Scan(code!.AsScanned, form["action"].FirstOrDefault(), form["to"].FirstOrDefault(), form["reason"].FirstOrDefault());
        var outcome = await mediator.Send(ScanEndpoints.ToRequest(scan, user.GlnOf()), ct);
        return Results.Ok(new PhotoScan(outcome.Verdict, outcome.Message, outcome.Pack, outcome.Alerts, outcome.Event,
            new PhotoScanRead(code.Format, code.SymbologyId, ScannerCheck.Visible(code.Text))));
    }

    public const string MalformedUpload =
        "The upload is not a readable multipart/form-data body: send the photo as the file field 'image' of an ordinary form upload.";

    private static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status, title: status switch
    {
        413 => "The photo is too large",
        415 => "Unsupported file",
        422 => "No usable code in the photo",
        _ => "The photo could not be used",
    });
}

/// <summary>A scan's outcome, and what was read from the photo (control characters shown as ⟨GS⟩).</summary>
public sealed record PhotoScan(WireName<ScanVerdict> Verdict, string Message, PackView? Pack, IReadOnlyList<AlertView> Alerts, EventRef? Event, PhotoScanRead Read);

public sealed record PhotoScanRead(string Format, string SymbologyId, string Text);
