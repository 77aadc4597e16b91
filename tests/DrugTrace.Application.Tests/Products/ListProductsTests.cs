using DrugTrace.Application.Products;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Products;

/// <summary>A manufacturer lists its own products; every other party lists them all.</summary>
public sealed class ListProductsTests
{
    private readonly TestWorld _world = new();

    private async Task<IEnumerable<string>> GtinsSeenBy(Party actor) =>
        (await new ListProductsHandler(_world.Catalog, ContextFor(actor)).Handle(new ListProducts(actor.Gln), default)).Select(p => p.Gtin).Order(StringComparer.Ordinal);

    [Fact]
    public async Task A_maker_sees_its_own_products_and_other_parties_see_all()
    {
        Assert.Equal([Gtin], await GtinsSeenBy(Maker));
        Assert.Equal([OtherGtin], await GtinsSeenBy(OtherMaker));
        Assert.Equal([Gtin, OtherGtin], await GtinsSeenBy(Pharmacy));
        Assert.Equal([Gtin, OtherGtin], await GtinsSeenBy(Regulator));
    }
}
