using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Lots;

/// <summary>The lots of one product, for its brand owner or a regulator.</summary>
public sealed record ListLots(string ActorGln, string Gtin) : IRequest<IReadOnlyList<LotState>>, IActorRequest;

public sealed class ListLotsValidator : IValidator<ListLots>
{
    public IEnumerable<(string Field, string Message)> Validate(ListLots request)
    {
        if (Gs1Fields.GtinError(request.Gtin) is { } gtin) yield return ("gtin", gtin);
    }
}

public sealed class ListLotsHandler(ICatalogStore catalog, IActorContext context) : IRequestHandler<ListLots, IReadOnlyList<LotState>>
{
    public async ValueTask<IReadOnlyList<LotState>> Handle(ListLots request, CancellationToken cancellationToken)
    {
        var gtin = Gtin.Parse(request.Gtin).Value;
        var product = await catalog.FindProductAsync(gtin, cancellationToken);
        // Another brand's product is reported as missing, as for its lots' packs.
        if (product is null || (context.Actor.Role == PartyRole.Manufacturer && product.Manufacturer != context.Actor.Gln))
            throw new NotFoundException($"GTIN {gtin} is not one of your registered products.");
        return await catalog.ListLotsAsync(gtin, cancellationToken);
    }
}
