using DrugTrace.Application.Audit;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using Microsoft.Extensions.Time.Testing;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Lots;

public class RegisterLotTests
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private readonly TestWorld _world = new();

    [Fact]
    public async Task Commissions_n_packs_with_unique_12_character_serials()
    {
        var result = await _world.CommissionAsync("LOT42", 250);

        Assert.Equal((Gtin, "LOT42", Expiry), (result.Gtin, result.Lot, result.Expiry));
        Assert.Equal(250, result.Serials.Count);
        Assert.Equal(250, result.Serials.Distinct(StringComparer.Ordinal).Count());
        Assert.All(result.Serials, s =>
        {
            Assert.Equal(12, s.Length);
            Assert.All(s, c => Assert.Contains(c, Alphabet));
        });
        Assert.Equal(250, await _world.Ledger.CountPacksAsync(Gtin, "LOT42", default));
    }

    [Fact]
    public async Task Every_pack_is_active_at_the_manufacturer_with_a_valid_one_event_chain()
    {
        var result = await _world.CommissionAsync("LOT42", 3);

        foreach (var serial in result.Serials)
        {
            var pack = await _world.Ledger.FindPackAsync(Gtin, serial, default);
            Assert.NotNull(pack);
            Assert.Equal((PackStatus.Active, Maker.Gln, "LOT42", Expiry), (pack.Status, pack.Custodian, pack.Lot, pack.Expiry));
            var chain = await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default);
            var e = Assert.Single(chain).Event;
            Assert.Equal((EventType.Commissioned, 0, Hash256.Zero), (e.Type, e.Seq, e.PrevHash));
            Assert.Equal(EventHasher.ComputeHash(e), e.Hash);
            Assert.Equal(new ChainHead(0, e.Hash), pack.Head);
            Assert.Equal(EventHasher.TruncateToMilliseconds(Start), e.OccurredAt);
        }
    }

    [Fact]
    public async Task The_lot_is_registered_with_its_own_chain()
    {
        await _world.CommissionAsync("LOT42", 1);

        var lot = await _world.Catalog.FindLotAsync(Gtin, "LOT42", default);
        Assert.NotNull(lot);
        Assert.Equal((Maker.Gln, Expiry, false), (lot.Manufacturer, lot.Expiry, lot.IsRecalled));
        var e = Assert.Single(await _world.Ledger.GetChainAsync(StreamKind.Lot, Gtin, "LOT42", default)).Event;
        Assert.Equal(EventType.LotRegistered, e.Type);
        Assert.Equal(new ChainHead(0, e.Hash), lot.Head);
        var auditor = await new LedgerAudit(_world.Ledger).RunAsync(null, null, default);
        Assert.Empty(auditor.Violations);
        Assert.Equal((2L, 2L, 1L), (auditor.Events, auditor.Chains, auditor.PackChains));
    }

    [Fact]
    public async Task Two_lots_never_share_a_serial()
    {
        var first = await _world.CommissionAsync("LOT42", 100);
        var second = await _world.CommissionAsync("LOT43", 100);

        Assert.Empty(first.Serials.Intersect(second.Serials, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Another_manufacturers_gtin_is_answered_as_not_one_of_yours()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _world.CommissionAsync("LOT1", 1, maker: Maker, gtin: OtherGtin));

        Assert.Null(await _world.Catalog.FindLotAsync(OtherGtin, "LOT1", default));
        Assert.Empty(_world.Ledger.Log);
    }

    [Fact]
    public async Task An_unregistered_product_is_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _world.CommissionAsync("LOT1", 1, gtin: UnregisteredGtin));
    }

    [Fact]
    public async Task An_existing_lot_is_a_conflict()
    {
        var first = await _world.CommissionAsync("LOT42", 2);

        await Assert.ThrowsAsync<ConflictException>(() => _world.CommissionAsync("LOT42", 2));

        Assert.Equal(2, await _world.Ledger.CountPacksAsync(Gtin, "LOT42", default));
        Assert.Equal(3, _world.Ledger.Log.Count);
        Assert.Equal(first.Serials.Order(StringComparer.Ordinal), (await _world.Ledger.ListPacksAsync(Gtin, "LOT42", 0, 10, default)).Select(p => p.Serial));
    }

    [Fact]
    public async Task A_colliding_serial_is_retried_with_fresh_serials()
    {
        var existing = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var generator = new QueueSerialGenerator(existing);
        var callsBefore = _world.Ledger.CommissionCalls;

        var result = await _world.CommissionAsync("LOT43", 3, serials: generator);

        Assert.Equal(callsBefore + 2, _world.Ledger.CommissionCalls);
        Assert.DoesNotContain(existing, result.Serials);
        Assert.Equal(3, result.Serials.Distinct().Count());
        Assert.Equal(3, await _world.Ledger.CountPacksAsync(Gtin, "LOT43", default));
        // The pack of the first lot is untouched.
        var pack = await _world.Ledger.FindPackAsync(Gtin, existing, default);
        Assert.Equal("LOT42", pack?.Lot);
    }

    [Fact]
    public async Task A_duplicate_draw_within_one_lot_is_drawn_again()
    {
        var generator = new QueueSerialGenerator("AAAAAAAAAAAA", "AAAAAAAAAAAA", "BBBBBBBBBBBB");

        var result = await _world.CommissionAsync("LOT42", 2, serials: generator);

        Assert.Equal(["AAAAAAAAAAAA", "BBBBBBBBBBBB"], result.Serials);
        Assert.Equal(1, _world.Ledger.CommissionCalls);
    }

    [Fact]
    public async Task Gives_up_after_three_collisions_and_stores_nothing()
    {
        var existing = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var logBefore = _world.Ledger.Log.Count;
        var generator = new QueueSerialGenerator(existing, existing, existing);
        var callsBefore = _world.Ledger.CommissionCalls;

        await Assert.ThrowsAsync<SerialCollisionException>(() => _world.CommissionAsync("LOT43", 1, serials: generator));

        Assert.Equal(callsBefore + 3, _world.Ledger.CommissionCalls);
        Assert.Null(await _world.Catalog.FindLotAsync(Gtin, "LOT43", default));
        Assert.Equal(logBefore, _world.Ledger.Log.Count);
    }

    [Fact]
    public async Task Validator_reports_every_bad_field()
    {
        var validator = new RegisterLotValidator(new FakeTimeProvider(Start));

        var errors = validator.Validate(new RegisterLot(Maker.Gln, "09506000134353", "LOT 42", "31/12/2027", 0)).ToList();

        Assert.Equal(["gtin", "lot", "expiry", "quantity"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("2026-03-13", 1, "expiry")]
    [InlineData("2026-03-14", 1, null)]
    [InlineData("2027-12-31", RegisterLot.MaxQuantity, null)]
    [InlineData("2027-12-31", RegisterLot.MaxQuantity + 1, "quantity")]
    [InlineData("2027-02-30", 1, "expiry")]
    public void Validator_limits(string expiry, int quantity, string? badField)
    {
        var validator = new RegisterLotValidator(new FakeTimeProvider(Start));

        var errors = validator.Validate(new RegisterLot(Maker.Gln, Gtin, "LOT42", expiry, quantity)).Select(e => e.Field);

        Assert.Equal(badField is null ? [] : [badField], errors);
    }

    [Fact]
    public void Validator_words_each_refusal()
    {
        var validator = new RegisterLotValidator(new FakeTimeProvider(Start));
        var errors = validator.Validate(new RegisterLot(Maker.Gln, Gtin, "LOT42", "31/12/2027", 0)).ToDictionary(e => e.Field, e => e.Message);
        Assert.Equal("'31/12/2027' is not a date in the form YYYY-MM-DD.", errors["expiry"]);
        Assert.Equal($"A lot is commissioned with 1 to {RegisterLot.MaxQuantity:N0} packs per request, not 0.", errors["quantity"]);
        Assert.Equal([("expiry", "The expiry 2026-03-13 is in the past.")], validator.Validate(new RegisterLot(Maker.Gln, Gtin, "LOT42", "2026-03-13", 1)));
        Assert.Equal([("lot", "U+0020 at position 4 is not allowed in a lot number (GS1 character set 82).")],
            validator.Validate(new RegisterLot(Maker.Gln, Gtin, "LOT 42", "2027-12-31", 1)));
        var (field, century) = Assert.Single(validator.Validate(new RegisterLot(Maker.Gln, Gtin, "LOT42", "2080-01-01", 1)));
        Assert.Equal("expiry", field);
        Assert.StartsWith("The expiry 2080-01-01 cannot be printed as YYMMDD: the GS1 century rule would read it as ", century);
    }

    [Fact]
    public void An_expiry_a_barcode_could_not_tell_from_last_century_is_refused()
    {
        var validator = new RegisterLotValidator(new FakeTimeProvider(Start));
        var far = Assert.Single(validator.Validate(new RegisterLot(Maker.Gln, Gtin, "LOT42", "2099-12-31", 1)));
        Assert.Equal("expiry", far.Field);
        Assert.DoesNotContain("in the past", far.Message);
        Assert.Empty(validator.Validate(new RegisterLot(Maker.Gln, Gtin, "LOT42", "2040-06-30", 1)));
    }

    [Fact]
    public async Task The_handler_words_a_bad_expiry_an_unknown_product_and_a_registered_lot()
    {
        var handler = new RegisterLotHandler(_world.Catalog, _world.Ledger, new RandomSerialGenerator(), ContextFor(Maker), _world.Clock);

        var date = await Assert.ThrowsAsync<ValidationException>(async () => await handler.Handle(new RegisterLot(Maker.Gln, Gtin, "LOT42", "2027-13-01", 1), default));
        Assert.Equal(("expiry", "'2027-13-01' is not a date in the form YYYY-MM-DD."), (Assert.Single(date.Errors).Key, date.Errors["expiry"].Single()));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(async () => await handler.Handle(new RegisterLot(Maker.Gln, OtherGtin, "LOT42", "2027-12-31", 1), default));
        Assert.Equal($"GTIN {OtherGtin} is not one of your registered products; register the product first.", unknown.Message);
        Assert.Empty(_world.Ledger.Log);

        await handler.Handle(new RegisterLot(Maker.Gln, Gtin, "LOT42", "2027-12-31", 1), default);
        var again = await Assert.ThrowsAsync<ConflictException>(async () => await handler.Handle(new RegisterLot(Maker.Gln, Gtin, "LOT42", "2028-01-31", 1), default));
        Assert.Equal($"Lot LOT42 of {Gtin} is already registered.", again.Message);
        Assert.Equal(2, _world.Ledger.Log.Count);
    }
}
