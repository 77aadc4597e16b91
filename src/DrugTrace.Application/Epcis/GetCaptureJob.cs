using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Epcis;

/// <summary>A capture job, for the party that captured it or a regulator; anyone else is told there is none.</summary>
public sealed record GetCaptureJob(string ActorGln, string CaptureId) : IRequest<CaptureJob>, IActorRequest;

public sealed class GetCaptureJobHandler(ICaptureJobStore jobs, IActorContext context) : IRequestHandler<GetCaptureJob, CaptureJob>
{
    public async ValueTask<CaptureJob> Handle(GetCaptureJob request, CancellationToken cancellationToken)
    {
        var actor = context.Actor;
        var job = request.CaptureId.Length is > 0 and <= 64 ? await jobs.FindAsync(request.CaptureId, cancellationToken) : null;
        // Another party's job is answered exactly like one that does not exist: no existence oracle.
        if (job is null || (job.Owner != actor.Gln && actor.Role != PartyRole.Regulator))
            throw new NotFoundException($"No capture job {request.CaptureId} of yours.");
        return job;
    }
}
