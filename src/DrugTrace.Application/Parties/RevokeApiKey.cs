using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using Mediator;

namespace DrugTrace.Application.Parties;

/// <summary>Revokes one of a party's API keys; from the next request on it is refused (401).</summary>
public sealed record RevokeApiKey(string ActorGln, string Gln, string KeyId) : IRequest<PartyKey>, IActorRequest;

public sealed class RevokeApiKeyHandler(IPartyStore parties, PartyDirectory directory, IActorContext context, TimeProvider clock) : IRequestHandler<RevokeApiKey, PartyKey>
{
    public async ValueTask<PartyKey> Handle(RevokeApiKey request, CancellationToken cancellationToken)
    {
        var party = await KeyOwner.CheckAsync(context.Actor, request.Gln, parties, cancellationToken);
        if (!await parties.RevokeKeyAsync(party.Gln, request.KeyId, clock.GetUtcNow(), cancellationToken))
            throw new NotFoundException($"{party.Name} has no active API key with id '{request.KeyId}'.");
        directory.ForgetKeys();
        return (await parties.ListKeysAsync(party.Gln, cancellationToken)).Single(k => k.Id == request.KeyId);
    }
}
