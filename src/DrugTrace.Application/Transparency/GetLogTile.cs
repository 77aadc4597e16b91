using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Transparency;
using Mediator;

namespace DrugTrace.Application.Transparency;

/// <summary>
/// A C2SP tlog-tiles hash tile: level <paramref name="Level"/>, index <paramref name="Index"/>,
/// <paramref name="Width"/> hashes (256 for a full tile), as concatenated 32-byte hashes.
/// </summary>
public sealed record GetLogTile(int Level, long Index, int Width) : IRequest<byte[]>;

public sealed class GetLogTileValidator : IValidator<GetLogTile>
{
    public IEnumerable<(string Field, string Message)> Validate(GetLogTile request)
    {
        if (request.Level is < 0 or > LogTiles.MaxLevel) yield return ("level", $"The tile level must be 0 to {LogTiles.MaxLevel}.");
        if (request.Index < 0) yield return ("index", "The tile index must not be negative.");
        if (request.Width is < 1 or > LogTiles.Width) yield return ("width", $"A partial tile's width is 1 to {LogTiles.Width - 1}.");
    }
}

public sealed class GetLogTileHandler(ILogTreeStore tree) : IRequestHandler<GetLogTile, byte[]>
{
    public async ValueTask<byte[]> Handle(GetLogTile request, CancellationToken cancellationToken)
    {
        var size = await tree.GetSizeAsync(cancellationToken);
        var available = LogTiles.HashesAt(request.Level, size) - request.Index * LogTiles.Width;
        if (available < request.Width)
            throw new NotFoundException($"The log (size {size}) does not hold tile {LogTiles.Path(request.Level, request.Index, request.Width)} yet.");
        var hashes = await tree.ReadTileAsync(request.Level, request.Index, request.Width, cancellationToken);
        if (hashes.Length < request.Width) throw new LogIntegrityException($"The log's tree lacks hashes of tile {request.Level}/{request.Index}.");
        var bytes = new byte[hashes.Length * 32];
        for (var i = 0; i < hashes.Length; i++) hashes[i].WriteTo(bytes.AsSpan(i * 32));
        return bytes;
    }
}
