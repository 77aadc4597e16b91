using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using Mediator;

namespace DrugTrace.Application.Transparency;

/// <summary>The newest checkpoints the log signed, for the regulator's page.</summary>
public sealed record GetRecentCheckpoints(string ActorGln, int Take = 20) : IRequest<IReadOnlyList<StoredCheckpoint>>, IActorRequest;

public sealed class GetRecentCheckpointsHandler(ICheckpointStore checkpoints) : IRequestHandler<GetRecentCheckpoints, IReadOnlyList<StoredCheckpoint>>
{
    public ValueTask<IReadOnlyList<StoredCheckpoint>> Handle(GetRecentCheckpoints request, CancellationToken cancellationToken) =>
        checkpoints.RecentAsync(Math.Clamp(request.Take, 1, 200), cancellationToken);
}
