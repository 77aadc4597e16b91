using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using Mediator;

namespace DrugTrace.Application.Transparency;

/// <summary>The latest signed checkpoint, with the cosignatures the witnesses gave it. Public: hashes only.</summary>
public sealed record GetLogCheckpoint : IRequest<StoredCheckpoint>;

public sealed class GetLogCheckpointHandler(ICheckpointStore checkpoints) : IRequestHandler<GetLogCheckpoint, StoredCheckpoint>
{
    public async ValueTask<StoredCheckpoint> Handle(GetLogCheckpoint request, CancellationToken cancellationToken) =>
        await checkpoints.LatestAsync(cancellationToken)
        ?? throw new NotFoundException("The log has not signed a checkpoint yet; try again in a few seconds.");
}
