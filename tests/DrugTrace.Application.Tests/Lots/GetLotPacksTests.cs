using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Lots;

public class GetLotPacksTests
{
    private readonly TestWorld _world = new();

    private ValueTask<LotPacksPage> PageAsync(Party actor, string lot = "LOT42", int skip = 0, int take = 100) =>
        new GetLotPacksHandler(_world.Catalog, _world.Ledger, ContextFor(actor))
            .Handle(new GetLotPacks(actor.Gln, Gtin, lot, skip, take), CancellationToken.None);

    [Fact]
    public async Task The_brand_owner_pages_through_its_lot()
    {
        var serials = (await _world.CommissionAsync("LOT42", 5)).Serials.Order(StringComparer.Ordinal).ToList();

        var page = await PageAsync(Maker, skip: 1, take: 3);

        Assert.Equal((5, 1, 3, Expiry, false), (page.Total, page.Skip, page.Take, page.Expiry, page.Recalled));
        Assert.Equal(serials.Skip(1).Take(3), page.Packs.Select(p => p.Serial));
        Assert.All(page.Packs, p => Assert.Equal(("Active", Maker.Gln, "Paracetamol 500 mg"), (p.Status, p.Custodian, p.ProductName)));
    }

    [Fact]
    public async Task A_regulator_sees_any_lot()
    {
        await _world.CommissionAsync("LOT42", 2);

        Assert.Equal(2, (await PageAsync(Regulator)).Total);
    }

    [Fact]
    public async Task Another_manufacturers_lot_looks_like_a_missing_lot()
    {
        await _world.CommissionAsync("LOT42", 2);

        var other = await Assert.ThrowsAsync<NotFoundException>(() => PageAsync(OtherMaker).AsTask());
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => PageAsync(OtherMaker, "LOT99").AsTask());

        Assert.Equal(missing.Message.Replace("LOT99", "LOT42", StringComparison.Ordinal), other.Message);
    }

    [Theory]
    [InlineData(-1, 10, "skip")]
    [InlineData(0, 0, "take")]
    [InlineData(0, GetLotPacks.MaxTake + 1, "take")]
    [InlineData(0, GetLotPacks.MaxTake, null)]
    [InlineData(0, 1, null)]
    public void Validator_limits_the_page(int skip, int take, string? badField)
    {
        var errors = new GetLotPacksValidator().Validate(new GetLotPacks(Maker.Gln, Gtin, "LOT42", skip, take)).Select(e => e.Field);

        Assert.Equal(badField is null ? [] : [badField], errors);
    }

    [Fact]
    public void Validator_words_each_refusal()
    {
        var errors = new GetLotPacksValidator().Validate(new GetLotPacks(Maker.Gln, "123", "LOT42", -1, 0)).ToList();

        Assert.Equal(["gtin", "skip", "take"], errors.Select(e => e.Field));
        Assert.Equal(["skip cannot be negative.", $"take must be 1 to {GetLotPacks.MaxTake}."], errors.Skip(1).Select(e => e.Message));
    }
}
