using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Parties;

/// <summary>The registered parties: who a pack can be shipped to.</summary>
public sealed record ListParties(string ActorGln) : IRequest<IReadOnlyList<Party>>, IActorRequest;

public sealed class ListPartiesHandler(IPartyStore parties) : IRequestHandler<ListParties, IReadOnlyList<Party>>
{
    public ValueTask<IReadOnlyList<Party>> Handle(ListParties request, CancellationToken cancellationToken) =>
        parties.ListAsync(cancellationToken);
}
