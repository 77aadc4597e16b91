using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Labels;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Labels;

/// <summary>Only the brand owner (and a regulator) may print a genuine code; to anyone else another brand's pack does not exist.</summary>
public sealed class GetPackForLabelTests
{
    private readonly TestWorld _world = new();

    private ValueTask<PackView> GetAsync(Party actor, string serial, string gtin = Gtin) =>
        new GetPackForLabelHandler(_world.Ledger, _world.Catalog, ContextFor(actor)).Handle(new GetPackForLabel(actor.Gln, gtin, serial), default);

    [Fact]
    public async Task The_brand_owner_gets_the_pack_as_printed()
    {
        var serial = await _world.PackAtAsync(Wholesaler);

        var view = await GetAsync(Maker, serial);

        Assert.Equal(new PackView(Gtin, serial, "LOT42", Expiry, "Active", Wholesaler.Gln, "Paracetamol 500 mg"), view);
    }

    [Fact]
    public async Task A_regulator_may_print_any_brands_pack()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        Assert.Equal(serial, (await GetAsync(Regulator, serial)).Serial);
    }

    [Fact]
    public async Task Another_manufacturers_pack_is_reported_missing()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var error = await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(OtherMaker, serial).AsTask());
        Assert.Equal($"No pack {serial} of GTIN {Gtin} among your products.", error.Message);
    }

    [Fact]
    public async Task An_unknown_serial_or_an_unregistered_product_is_missing()
    {
        await _world.CommissionAsync("LOT42", 1);
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(Maker, "NOSUCH").AsTask());
        Assert.Equal($"No pack NOSUCH of GTIN {Gtin} among your products.", unknown.Message);
        var unregistered = await Assert.ThrowsAsync<NotFoundException>(() => GetAsync(Regulator, "NOSUCH", UnregisteredGtin).AsTask());
        Assert.Equal($"No pack NOSUCH of GTIN {UnregisteredGtin} among your products.", unregistered.Message);
    }

    [Fact]
    public async Task A_short_GTIN_is_read_as_its_14_digit_form()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        Assert.Equal(Gtin, (await GetAsync(Maker, serial, Gtin[1..])).Gtin);
    }

    [Fact]
    public void The_validator_names_a_bad_GTIN_and_serial()
    {
        var errors = new GetPackForLabelValidator().Validate(new GetPackForLabel(Maker.Gln, "123", "")).ToList();
        Assert.Equal([("gtin", "A GTIN is 8, 12, 13 or 14 digits; '123' is not."), ("serial", "The serial is empty.")], errors);
        Assert.Empty(new GetPackForLabelValidator().Validate(new GetPackForLabel(Maker.Gln, Gtin, "SN1")));
    }
}
