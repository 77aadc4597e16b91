using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Domain.Parties;
using DrugTrace.Domain.Products;
using Mediator;

namespace DrugTrace.Application.Products;

/// <summary>Products: a manufacturer sees its own, every other party all of them.</summary>
public sealed record ListProducts(string ActorGln) : IRequest<IReadOnlyList<Product>>, IActorRequest;

public sealed class ListProductsHandler(ICatalogStore catalog, IActorContext context) : IRequestHandler<ListProducts, IReadOnlyList<Product>>
{
    public ValueTask<IReadOnlyList<Product>> Handle(ListProducts request, CancellationToken cancellationToken) =>
        catalog.ListProductsAsync(context.Actor.Role == PartyRole.Manufacturer ? context.Actor.Gln : null, cancellationToken);
}
