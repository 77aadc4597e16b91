using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Decommissioning;
using DrugTrace.Application.Dispensing;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Shipping;
using DrugTrace.Application.Verification;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Tests.Packs;

public class ScanRequestsTests
{
    [Fact]
    public void The_action_words_are_the_ones_the_api_always_listed() =>
        Assert.Equal("verify, receive, ship, dispense, undo-dispense, decommission, unlock, quarantine, release, confirm-illegitimate", ScanRequests.Actions);

    [Theory]
    [InlineData(null, PackAction.Verify)]
    [InlineData("  ", PackAction.Verify)]
    [InlineData("Dispense", PackAction.Dispense)]
    [InlineData("undo", PackAction.UndoDispense)]
    [InlineData(" undo-dispense ", PackAction.UndoDispense)]
    public void Reads_action_words(string? word, PackAction action) => Assert.Equal(action, ScanRequests.Action(word));

    [Theory]
    [InlineData("steal")]
    [InlineData("confirm")]
    public void A_word_without_a_scan_use_case_is_refused_with_the_list(string word)
    {
        var e = Assert.Throws<ValidationException>(() => ScanRequests.Action(word));
        Assert.Equal($"'{word}' is not an action; use one of: {ScanRequests.Actions}.", e.Errors["action"][0]);
    }

    [Fact]
    public void Each_action_goes_to_its_use_case_with_what_it_needs()
    {
        Assert.IsType<VerifyPack>(ScanRequests.For("a", "c", null, null, null));
        Assert.Equal(new ShipPack("a", "c", "to"), ScanRequests.For("a", "c", "ship", "to", null));
        Assert.Equal(new DecommissionPack("a", "c", "stolen"), ScanRequests.For("a", "c", "decommission", null, "stolen"));
        Assert.Equal(new UndoDispense("a", ""), ScanRequests.For("a", null, "undo", null, null));
        Assert.IsType<ReceivePack>(ScanRequests.For("a", "c", PackAction.Receive, null, null));
        Assert.IsType<DispensePack>(ScanRequests.For("a", "c", PackAction.Dispense, null, null));
        Assert.IsType<UnlockPack>(ScanRequests.For("a", "c", PackAction.Unlock, null, null));
    }

    [Fact]
    public void A_queued_scan_keeps_the_time_it_was_made()
    {
        var at = new DateTimeOffset(2026, 12, 1, 22, 15, 3, TimeSpan.Zero);

        Assert.Equal(new DispensePack("a", "c", at), ScanRequests.For("a", "c", "dispense", null, null, at));
        Assert.Equal(new ShipPack("a", "c", "to", at), ScanRequests.For("a", "c", "ship", "to", null, at));
        Assert.Equal(new DecommissionPack("a", "c", "stolen", at), ScanRequests.For("a", "c", "decommission", null, "stolen", at));
        Assert.Equal(new VerifyPack("a", "c", at), ScanRequests.For("a", "c", null, null, null, at));
    }
}
