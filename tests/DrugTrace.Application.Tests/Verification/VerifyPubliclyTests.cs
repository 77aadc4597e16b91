using DrugTrace.Application.Lots;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Verification;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Verification;

public class VerifyPubliclyTests
{
    private const string NotGenuine = "We cannot confirm this pack. Do not use it; take it to a pharmacy.";
    private readonly TestWorld _world = new();

    private ValueTask<PublicVerification> VerifyAsync(string serial, string? lot = "LOT42", string? expiry = "271231", string gtin = Gtin) =>
        new VerifyPubliclyHandler(_world.Catalog, _world.Ledger, _world.RecallNotices, _world.Clock)
            .Handle(new VerifyPublicly(gtin, serial, lot, expiry), CancellationToken.None);

    [Fact]
    public void The_digital_link_puts_the_pieces_in_GS1_order_and_escapes_them()
    {
        Assert.Equal("https://id.gs1.org/01/09506000134352/10/L%2F1/21/S%20N?17=271231",
            new VerifyPublicly(Gtin, "S N", "L/1", "271231").DigitalLink());
        Assert.Equal("https://id.gs1.org/01/09506000134352/21/SN1", new VerifyPublicly(Gtin, "SN1", null, null).DigitalLink());
        Assert.Equal("https://id.gs1.org/01/09506000134352/21/SN1", new VerifyPublicly(Gtin, "SN1", "", "").DigitalLink());
    }

    [Fact]
    public async Task A_serial_that_is_a_dot_segment_is_percent_encoded_in_the_link_and_still_verifies_as_its_own_pack()
    {
        Assert.Equal("https://id.gs1.org/01/09506000134352/10/%2E%2E/21/%2E", new VerifyPublicly(Gtin, ".", "..", null).DigitalLink());
        await _world.CommissionAsync("LOT42", 2, serials: new QueueSerialGenerator(".", ".."));
        foreach (var serial in new[] { ".", ".." })
        {
            var answer = await VerifyAsync(serial);
            Assert.Equal((true, serial), (answer.Genuine, answer.Serial));
        }
    }

    [Fact]
    public async Task A_commissioned_pack_whose_label_matches_is_genuine()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var answer = await VerifyAsync(serial);
        Assert.Equal(new PublicVerification(true, "This pack is genuine: its code was issued by its manufacturer.", Gtin, serial,
            "Paracetamol 500 mg", "LOT42", Expiry, false, null, false, false, "Genuine", PublicVerdict.Genuine), answer);
        // Only the lot and expiry the patient can read are checked: without them it is still genuine.
        Assert.True((await VerifyAsync(serial, lot: null, expiry: null)).Genuine);
    }

    [Fact]
    public async Task An_unknown_serial_an_unregistered_product_or_a_label_that_does_not_match_is_not_confirmed()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        var unknown = await VerifyAsync("NOSUCHSERIAL");
        Assert.Equal(new PublicVerification(false, NotGenuine, Gtin, "NOSUCHSERIAL", "Paracetamol 500 mg", "LOT42", Expiry,
            false, null, false, false, "Not confirmed: do not use it", PublicVerdict.NotConfirmed), unknown);
        var unregistered = await VerifyAsync(serial, gtin: UnregisteredGtin);
        Assert.False(unregistered.Genuine);
        Assert.Null(unregistered.ProductName);
        var wrongLot = await VerifyAsync(serial, lot: "LOT99");
        Assert.Equal((false, NotGenuine, "LOT99"), (wrongLot.Genuine, wrongLot.Message, wrongLot.Lot));
        Assert.False((await VerifyAsync(serial, expiry: "271130")).Genuine);
        Assert.False((await VerifyAsync(serial, gtin: OtherGtin)).Genuine);
    }

    [Fact]
    public async Task A_recalled_lot_is_genuine_but_not_to_be_used_and_shows_the_public_text_only()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        await new RecallLotHandler(_world.Catalog, _world.Ledger, _world.RecallNotices, ContextFor(Maker), _world.Clock)
            .Handle(new RecallLot(Maker.Gln, Gtin, "LOT42", "Contamination", "Do not use packs of this lot."), CancellationToken.None);
        var answer = await VerifyAsync(serial);
        Assert.Equal((true, true, "Do not use packs of this lot.", false, false), (answer.Genuine, answer.Recalled, answer.RecallReason, answer.Expired, answer.Stolen));
        Assert.Equal("Its manufacturer recalled this lot. Do not use it; return it to a pharmacy.", answer.Message);
    }

    [Fact]
    public async Task A_pack_expires_the_day_after_its_expiry_date()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        _world.Clock.SetUtcNow(new DateTimeOffset(Expiry.ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero));
        Assert.False((await VerifyAsync(serial)).Expired);
        _world.Clock.SetUtcNow(new DateTimeOffset(Expiry.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var answer = await VerifyAsync(serial);
        Assert.Equal((true, true, false, null), (answer.Genuine, answer.Expired, answer.Recalled, answer.RecallReason));
        Assert.Equal("This pack is past its expiry date. Do not use it; return it to a pharmacy.", answer.Message);
    }

    [Fact]
    public async Task A_stolen_pack_says_so_before_anything_else()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        await _world.ScanAsync(Maker, Code(serial), new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Stolen));
        await new RecallLotHandler(_world.Catalog, _world.Ledger, _world.RecallNotices, ContextFor(Maker), _world.Clock)
            .Handle(new RecallLot(Maker.Gln, Gtin, "LOT42", "Theft"), CancellationToken.None);
        var answer = await VerifyAsync(serial);
        Assert.Equal((true, true, true), (answer.Genuine, answer.Stolen, answer.Recalled));
        Assert.Equal("This pack was reported stolen. Do not use it; take it to a pharmacy.", answer.Message);
    }

    [Theory]
    [InlineData("09506000134353", "SN1", "gtin")]
    [InlineData(Gtin, "", "serial")]
    [InlineData(Gtin, "SN 1", "serial")]
    public void Bad_pieces_are_named(string gtin, string serial, string field) =>
        Assert.Equal(field, Assert.Single(new VerifyPubliclyValidator().Validate(new VerifyPublicly(gtin, serial, null, null))).Field);

    [Fact]
    public void Good_pieces_pass_validation() =>
        Assert.Empty(new VerifyPubliclyValidator().Validate(new VerifyPublicly(Gtin, "SN1", "LOT42", "271231")));

    [Fact]
    public async Task A_notice_stored_for_a_lot_that_is_not_recalled_is_not_shown()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        // As a recall that wrote its public text and then lost, or was refused, leaves it.
        await _world.RecallNotices.SetAsync(Gtin, "LOT42", "Return it to your pharmacy.", default);

        var result = await VerifyAsync(serial);

        Assert.Equal((true, false, (string?)null, PublicVerdict.Genuine), (result.Genuine, result.Recalled, result.RecallReason, result.Verdict));
    }

    [Fact]
    public void A_serial_outside_set_82_is_refused_in_words_naming_the_serial()
    {
        var (field, message) = Assert.Single(new VerifyPubliclyValidator().Validate(new VerifyPublicly(Gtin, "S 1", null, null)));
        Assert.Equal(("serial", "U+0020 at position 2 is not allowed in a serial (GS1 character set 82)."), (field, message));
    }
}
