using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using Mediator;

namespace DrugTrace.Application.Parties;

/// <summary>A new API key for a party (rotation: issue, switch the clients, revoke the old one). The key is in the answer once.</summary>
public sealed record IssueApiKey(string ActorGln, string Gln) : IRequest<IssuedApiKey>, IActorRequest;

public sealed record IssuedApiKey(string Gln, string Id, string ApiKey, DateTimeOffset CreatedAt);

public sealed class IssueApiKeyHandler(IPartyStore parties, IActorContext context, TimeProvider clock) : IRequestHandler<IssueApiKey, IssuedApiKey>
{
    public async ValueTask<IssuedApiKey> Handle(IssueApiKey request, CancellationToken cancellationToken)
    {
        var party = await KeyOwner.CheckAsync(context.Actor, request.Gln, parties, cancellationToken);
        var key = ApiKeys.Generate();
        var id = ApiKeys.NewId();
        var now = clock.GetUtcNow();
        await parties.AddKeyAsync(party.Gln, id, ApiKeys.Hash(key), now, cancellationToken);
        return new IssuedApiKey(party.Gln, id, key, now);
    }
}
