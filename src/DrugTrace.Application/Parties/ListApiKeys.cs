using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using Mediator;

namespace DrugTrace.Application.Parties;

/// <summary>A party's API keys by id and date (never the keys), to know which one to revoke.</summary>
public sealed record ListApiKeys(string ActorGln, string Gln) : IRequest<IReadOnlyList<PartyKey>>, IActorRequest;

public sealed class ListApiKeysHandler(IPartyStore parties, IActorContext context) : IRequestHandler<ListApiKeys, IReadOnlyList<PartyKey>>
{
    public async ValueTask<IReadOnlyList<PartyKey>> Handle(ListApiKeys request, CancellationToken cancellationToken)
    {
        var party = await KeyOwner.CheckAsync(context.Actor, request.Gln, parties, cancellationToken);
        return await parties.ListKeysAsync(party.Gln, cancellationToken);
    }
}
