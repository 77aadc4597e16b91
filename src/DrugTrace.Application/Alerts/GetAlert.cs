using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using Mediator;

namespace DrugTrace.Application.Alerts;

/// <summary>One alert with its history, if the caller may see it.</summary>
public sealed record GetAlert(string ActorGln, long Id) : IRequest<AlertDto>, IActorRequest;

public sealed class GetAlertHandler(IAlertStore store, IActorContext context) : IRequestHandler<GetAlert, AlertDto>
{
    public async ValueTask<AlertDto> Handle(GetAlert request, CancellationToken cancellationToken)
    {
        var alert = await store.GetAsync(request.Id, cancellationToken);
        // An alert one may not see is reported as missing, so that ids cannot be probed.
        if (alert is null || !AlertVisibility.CanSee(context.Actor, alert))
            throw new NotFoundException($"No alert {request.Id} that you may see.");
        return AlertDto.For(context.Actor, alert);
    }
}
