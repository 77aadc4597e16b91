using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Parties;

/// <summary>A regulator onboards a party; its API key is returned once and only its hash is stored.</summary>
public sealed record RegisterParty(string ActorGln, string Gln, string Name, string Role, IReadOnlyList<string>? CompanyPrefixes = null)
    : IRequest<PartyRegistered>, IActorRequest;

public sealed record PartyRegistered(Party Party, string ApiKey);

public sealed class RegisterPartyValidator : IValidator<RegisterParty>
{
    public IEnumerable<(string Field, string Message)> Validate(RegisterParty request)
    {
        if (Gs1Fields.GlnError(request.Gln) is { } gln) yield return ("gln", gln);
        if (string.IsNullOrWhiteSpace(request.Name)) yield return ("name", "The party needs a name.");
        else if (FreeText.Error("name", request.Name, 200) is { } name) yield return ("name", name);
        foreach (var prefix in request.CompanyPrefixes ?? [])
            if (Gs1Fields.CompanyPrefixError(prefix) is { } bad) yield return ("companyPrefixes", bad);
        if (request.CompanyPrefixes is { Count: > 20 }) yield return ("companyPrefixes", "At most 20 company prefixes per party.");
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
        await parties.AddAsync(party, ApiKeys.Hash(apiKey), [.. (request.CompanyPrefixes ?? []).Distinct(StringComparer.Ordinal)], cancellationToken);
        return new PartyRegistered(party, apiKey);
    }
}
