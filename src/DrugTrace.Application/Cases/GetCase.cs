using DrugTrace.Application.Common.Security;
using Mediator;

namespace DrugTrace.Application.Cases;

/// <summary>A case or pallet with everything inside it, for its holder, recipient or packer and regulators; for anyone else a 404.</summary>
public sealed record GetCase(string ActorGln, string Sscc) : IRequest<CaseView>, IActorRequest;

public sealed class GetCaseHandler(CaseReader reader, IActorContext context) : IRequestHandler<GetCase, CaseView>
{
    public async ValueTask<CaseView> Handle(GetCase request, CancellationToken cancellationToken)
    {
        var found = await reader.FindVisibleAsync(context.Actor, CaseCodes.Read("sscc", request.Sscc), cancellationToken);
        return CaseView.Of(await reader.ReadAsync(found, cancellationToken));
    }
}
