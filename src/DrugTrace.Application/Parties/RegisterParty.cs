using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Parties;

/// <summary>A regulator onboards a party; its API key is returned once and only its hash is stored.</summary>
public sealed record RegisterParty(string ActorGln, string Gln, string Name, string Role) : IRequest<PartyRegistered>, IActorRequest;

public sealed record PartyRegistered(Party Party, string ApiKey);

public sealed class RegisterPartyValidator : IValidator<RegisterParty>
{
    public IEnumerable<(string Field, string Message)> Validate(RegisterParty request)
    {
        if (Gs1Fields.GlnError(request.Gln) is { } gln) yield return ("gln", gln);
        if (string.IsNullOrWhiteSpace(request.Name)) yield return ("name", "The party needs a name.");
        else if (request.Name.Length > 200) yield return ("name", "The name is longer than 200 characters.");
        if (!Enum.TryParse<PartyRole>(request.Role, ignoreCase: true, out _) || int.TryParse(request.Role, out _))
            yield return ("role", $"'{request.Role}' is not a role; use one of: {string.Join(", ", Enum.GetNames<PartyRole>())}.");
    }
}

public sealed class RegisterPartyHandler(IPartyStore parties) : IRequestHandler<RegisterParty, PartyRegistered>
{
    public async ValueTask<PartyRegistered> Handle(RegisterParty request, CancellationToken cancellationToken)
    {
        var party = new Party(Gln.Parse(request.Gln).Value, request.Name.Trim(), Enum.Parse<PartyRole>(request.Role, ignoreCase: true));
        var apiKey = ApiKeys.Generate();
        await parties.AddAsync(party, ApiKeys.Hash(apiKey), cancellationToken);
        return new PartyRegistered(party, apiKey);
    }
}
