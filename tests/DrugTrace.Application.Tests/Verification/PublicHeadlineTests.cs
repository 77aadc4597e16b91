using DrugTrace.Application.Lots;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Application.Verification;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Verification;

public class PublicHeadlineTests
{
    private readonly TestWorld _world = new();

    private ValueTask<PublicVerification> CheckAsync(string serial, string lot = "LOT42") =>
        new VerifyPubliclyHandler(_world.Catalog, _world.Ledger, _world.RecallNotices, _world.Clock)
            .Handle(new VerifyPublicly(Gtin, serial, lot, "271231"), CancellationToken.None);

    [Fact]
    public async Task Only_a_pack_that_is_fine_is_headed_genuine()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var fine = await CheckAsync(serial);
        Assert.Equal((true, "Genuine", PublicVerdict.Genuine, true), (fine.Genuine, fine.Headline, fine.Verdict, fine.IsFine));
    }

    [Fact]
    public async Task A_stolen_pack_says_do_not_use()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        await _world.ScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Stolen));
        var r = await CheckAsync(serial);
        Assert.Equal(("Do not use: reported stolen", true, false), (r.Headline, r.Genuine, r.IsFine));
    }

    [Fact]
    public async Task A_quarantined_pack_is_under_investigation_and_a_confirmed_one_illegitimate()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        await _world.ScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.Quarantine, Note: "seal broken"));
        Assert.Equal("Do not use: under investigation", (await CheckAsync(serial)).Headline);
        await _world.ScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.ConfirmIllegitimate));
        Assert.Equal("Do not use: confirmed illegitimate", (await CheckAsync(serial)).Headline);
    }

    [Fact]
    public async Task An_expired_pack_is_headed_expired()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        _world.Clock.SetUtcNow(new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var r = await CheckAsync(serial);
        Assert.Equal((PublicVerdict.Expired, "Expired: do not use it"), (r.Verdict, r.Headline));
    }

    [Fact]
    public async Task A_recall_shows_the_public_text_never_the_internal_reason()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        await new RecallLotHandler(_world.Catalog, _world.Ledger, _world.RecallNotices, ContextFor(Maker), _world.Clock)
            .Handle(new RecallLot(Maker.Gln, Gtin, "LOT42", "Supplier X failed sterility test 4711", "Sterility cannot be assured."), default);

        var r = await CheckAsync(serial);

        Assert.Equal(("Recalled: return it to a pharmacy", "Sterility cannot be assured."), (r.Headline, r.RecallReason));
        Assert.DoesNotContain("Supplier", r.Message + r.Headline + r.RecallReason);
    }

    [Fact]
    public async Task A_recall_without_public_text_shows_no_reason()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        await new RecallLotHandler(_world.Catalog, _world.Ledger, _world.RecallNotices, ContextFor(Maker), _world.Clock)
            .Handle(new RecallLot(Maker.Gln, Gtin, "LOT42", "internal only"), default);
        var r = await CheckAsync(serial);
        Assert.True(r.Recalled);
        Assert.Null(r.RecallReason);
    }

    [Fact]
    public async Task An_unknown_serial_is_not_confirmed()
    {
        await _world.CommissionAsync("LOT42", 1);
        var r = await CheckAsync("NEVERMADE");
        Assert.Equal((false, "Not confirmed: do not use it"), (r.Genuine, r.Headline));
    }
}
