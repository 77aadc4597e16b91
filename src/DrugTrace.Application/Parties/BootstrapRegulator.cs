using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Parties;

/// <summary>
/// The first regulator of a production store, registered with the one-time bootstrap key
/// (there is no regulator yet to onboard it). Usable once: after that a regulator exists.
/// </summary>
public sealed record BootstrapRegulator(string? PresentedKey, string Gln, string Name) : IRequest<PartyRegistered>;

public sealed class BootstrapRegulatorValidator : IValidator<BootstrapRegulator>
{
    public IEnumerable<(string Field, string Message)> Validate(BootstrapRegulator request)
    {
        if (Gs1Fields.GlnError(request.Gln) is { } gln) yield return ("gln", gln);
        if (FreeText.Error("name", request.Name, 200, required: true) is { } name) yield return ("name", name);
    }
}

public sealed class BootstrapRegulatorHandler(IPartyStore parties, BootstrapKey key) : IRequestHandler<BootstrapRegulator, PartyRegistered>
{
    // Two bootstrap calls at once must not both find "no regulator yet".
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async ValueTask<PartyRegistered> Handle(BootstrapRegulator request, CancellationToken cancellationToken)
    {
        if (!key.IsConfigured)
            throw new ForbiddenAccessException("No bootstrap key is configured on this server (Bootstrap:RegulatorKey).");
        if (!key.Matches(request.PresentedKey))
            throw new UnauthenticatedException("The X-Bootstrap-Key header does not hold this server's bootstrap key.");
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if ((await parties.ListAsync(cancellationToken)).Any(p => p.Role == PartyRole.Regulator))
                throw new ConflictException("A regulator is already registered: the bootstrap key has been used and opens nothing any more. "
                    + "Remove Bootstrap:RegulatorKey from the configuration.");
            var party = new Party(Gln.Parse(request.Gln).Value, request.Name.Trim(), PartyRole.Regulator);
            var apiKey = ApiKeys.Generate();
            await parties.AddAsync(party, ApiKeys.Hash(apiKey), cancellationToken);
            return new PartyRegistered(party, apiKey);
        }
        finally
        {
            Gate.Release();
        }
    }
}
