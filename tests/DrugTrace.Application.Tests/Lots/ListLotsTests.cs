using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Lots;

public sealed class ListLotsTests
{
    private readonly TestWorld _world = new();

    private ValueTask<IReadOnlyList<LotState>> ListAsync(Party actor, string gtin = Gtin) =>
        new ListLotsHandler(_world.Catalog, ContextFor(actor)).Handle(new ListLots(actor.Gln, gtin), default);

    [Fact]
    public async Task The_brand_owner_and_a_regulator_see_the_products_lots()
    {
        await _world.CommissionAsync("LOT1", 1);
        await _world.CommissionAsync("LOT2", 2);

        Assert.Equal(["LOT1", "LOT2"], (await ListAsync(Maker)).Select(l => l.Lot).Order());
        Assert.Equal(2, (await ListAsync(Regulator)).Count);
    }

    [Fact]
    public async Task Another_brands_product_or_an_unregistered_one_is_not_found()
    {
        await _world.CommissionAsync("LOT1", 1);
        var other = await Assert.ThrowsAsync<NotFoundException>(() => ListAsync(OtherMaker).AsTask());
        Assert.Equal($"GTIN {Gtin} is not one of your registered products.", other.Message);
        var unregistered = await Assert.ThrowsAsync<NotFoundException>(() => ListAsync(Regulator, UnregisteredGtin).AsTask());
        Assert.Equal($"GTIN {UnregisteredGtin} is not one of your registered products.", unregistered.Message);
    }

    [Fact]
    public void The_validator_names_a_bad_GTIN()
    {
        Assert.Equal([("gtin", "GTIN 09506000134353 has a wrong check digit (expected 2).")], new ListLotsValidator().Validate(new ListLots(Maker.Gln, "09506000134353")));
        Assert.Empty(new ListLotsValidator().Validate(new ListLots(Maker.Gln, Gtin)));
    }
}
