using System.Globalization;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Transparency;
using Mediator;

namespace DrugTrace.Web.Transparency;

/// <summary>
/// The public, read-only transparency log (no sign-in; hashes only, never event bodies): the
/// verifier key, the latest cosigned checkpoint, C2SP tlog-tiles hash tiles, RFC 9162 proofs.
/// </summary>
public static class LogEndpoints
{
    public static WebApplication MapLogEndpoints(this WebApplication app)
    {
        var log = app.MapGroup("/log").AllowAnonymous().WithTags("Transparency log");

        log.MapGet("/key", async (IMediator mediator, CancellationToken ct) =>
                Results.Text(await mediator.Send(new GetLogKey(), ct) + "\n", "text/plain; charset=utf-8"))
            .WithSummary("The log's verifier key: name+keyid+base64(0x01 || Ed25519 public key).");

        log.MapGet("/checkpoint", async (IMediator mediator, CancellationToken ct) =>
                Results.Text((await mediator.Send(new GetLogCheckpoint(), ct)).Note, "text/plain; charset=utf-8"))
            .WithSummary("The latest checkpoint (C2SP tlog-checkpoint signed note) with the log's signature and witness cosignatures.");

        // tile/{L}/{N...} where N is x001/x234/067 and may end in .p/{W} for a partial tile.
        log.MapGet("/tile/{level}/{**path}", async (string level, string path, IMediator mediator, CancellationToken ct) =>
            {
                var (tileLevel, index, width) = ParseTile(level, path);
                return Results.Bytes(await mediator.Send(new GetLogTile(tileLevel, index, width), ct), "application/octet-stream");
            })
            .WithSummary("A hash tile (C2SP tlog-tiles, height 8): tile/{L}/{N} or tile/{L}/{N}.p/{W}, N as x001/x234/067.");

        log.MapGet("/proof/inclusion", async (long index, long size, IMediator mediator, CancellationToken ct) =>
            {
                var p = await mediator.Send(new GetInclusionProof(index, size), ct);
                return Results.Ok(new { index = p.Index, size = p.Size, leafHash = B64(p.LeafHash), proof = p.Proof.Select(B64) });
            })
            .WithSummary("RFC 9162 inclusion proof of leaf index in the tree of size leaves.");

        log.MapGet("/proof/consistency", async (long from, long to, IMediator mediator, CancellationToken ct) =>
            {
                var p = await mediator.Send(new GetConsistencyProof(from, to), ct);
                return Results.Ok(new { from = p.From, to = p.To, proof = p.Proof.Select(B64) });
            })
            .WithSummary("RFC 9162 consistency proof from the tree of size from to the tree of size to.");
        return app;
    }

    private static string B64(Domain.Ledger.Hash256 h) => Convert.ToBase64String(h.ToBytes());

    private static (int Level, long Index, int Width) ParseTile(string level, string path)
    {
        if (level.Length is < 1 or > 2 || !level.All(char.IsAsciiDigit) || level.Length > 1 && level[0] == '0'
            || !int.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out var l))
            throw new ValidationException("level", $"'{level}' is not a tile level (a number 0 to {LogTiles.MaxLevel}).");
        var width = LogTiles.Width;
        var indexPart = path;
        var partial = path.IndexOf(".p/", StringComparison.Ordinal);
        if (partial >= 0)
        {
            var w = path[(partial + 3)..];
            if (w.Length is < 1 or > 3 || !w.All(char.IsAsciiDigit) || w[0] == '0'
                || !int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out width) || width >= LogTiles.Width)
                throw new ValidationException("width", $"'{w}' is not a partial tile width (1 to {LogTiles.Width - 1}).");
            indexPart = path[..partial];
        }
        if (!LogTiles.TryParseIndex(indexPart, out var index))
            throw new ValidationException("index", $"'{indexPart}' is not a tile index in the x001/x234/067 form.");
        return (l, index, width);
    }
}
