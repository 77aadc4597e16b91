using DrugTrace.Application.Witness;
using Mediator;

namespace DrugTrace.Web.Transparency;

/// <summary>
/// C2SP tlog-witness, when <c>Witness:Enabled</c>: add-checkpoint (anonymous: the log's signature
/// is the credential) and the witness's cosignature key. Status codes are the spec's.
/// </summary>
public static class WitnessEndpoints
{
    /// <summary>Larger than any honest body: a checkpoint, a few signatures and 63 proof lines.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static WebApplication MapWitnessEndpoints(this WebApplication app)
    {
        var witness = app.MapGroup("/witness").AllowAnonymous().WithTags("Witness");

        witness.MapGet("/key", async (IMediator mediator, CancellationToken ct) =>
                Results.Text(await mediator.Send(new GetWitnessKey(), ct) + "\n", "text/plain; charset=utf-8"))
            .WithSummary("The witness's cosignature verifier key: name+keyid+base64(0x04 || Ed25519 public key).");

        witness.MapPost("/add-checkpoint", async (HttpRequest request, IMediator mediator, CancellationToken ct) =>
            {
                var body = await ReadBodyAsync(request, ct);
                if (body is null)
                    return Results.Problem(statusCode: 400, title: "Bad request", detail: $"The body must be UTF-8 text of at most {MaxBodyBytes} bytes.");
                var verdict = await mediator.Send(new AddWitnessCheckpoint(body), ct);
                return verdict.Outcome switch
                {
                    WitnessOutcome.Cosigned => Results.Text(verdict.Cosignatures!, "text/plain; charset=utf-8"),
                    // The spec fixes this body: the size held, a newline, as text/x.tlog.size.
                    WitnessOutcome.Conflict when verdict.KnownSize is { } size =>
                        Results.Text(size.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n", "text/x.tlog.size", statusCode: 409),
                    var outcome => Results.Problem(statusCode: StatusOf(outcome), title: TitleOf(outcome), detail: verdict.Message),
                };
            })
            .Accepts<string>("text/plain")
            .WithSummary("Submit a checkpoint with a consistency proof from the old size; returns this witness's cosignature lines.");
        return app;
    }

    public static int StatusOf(WitnessOutcome outcome) => outcome switch
    {
        WitnessOutcome.Cosigned => 200,
        WitnessOutcome.BadRequest => 400,
        WitnessOutcome.NotSignedByLog => 403,
        WitnessOutcome.UnknownLog => 404,
        WitnessOutcome.Conflict => 409,
        WitnessOutcome.Inconsistent => 422,
        _ => 500,
    };

    private static string TitleOf(WitnessOutcome outcome) => outcome switch
    {
        WitnessOutcome.BadRequest => "Bad request",
        WitnessOutcome.NotSignedByLog => "Not signed by the log",
        WitnessOutcome.UnknownLog => "Unknown log",
        WitnessOutcome.Conflict => "Conflict",
        _ => "Inconsistent checkpoint",
    };

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }
}
