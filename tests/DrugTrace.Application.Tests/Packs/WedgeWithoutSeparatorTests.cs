using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

/// <summary>What the README promises for a keyboard-wedge scanner that drops the GS1 separator.</summary>
public class WedgeWithoutSeparatorTests
{
    private readonly TestWorld _world = new();

    [Fact]
    public async Task A_dispense_scanned_without_the_separator_names_the_genuine_pack_as_a_probable_scanning_error_and_changes_nothing()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var events = _world.Ledger.Log.Count;
        // 01 GTIN 17 expiry 10 lot <GS> 21 serial, as a scanner without its GS setting types it.
        var wedge = $"01{Gtin}17271231" + $"10LOT4221{serial}";

        var outcome = await _world.ScanAsync(Pharmacy, wedge, new PackCommand(PackAction.Dispense));

        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        var alert = Assert.Single(outcome.Alerts);
        Assert.True(alert.ProbableScanningError);
        Assert.Equal("low", alert.Severity);
        Assert.Contains("separator", outcome.Message);
        Assert.Equal(serial, outcome.Pack?.Serial);
        Assert.Equal(events, _world.Ledger.Log.Count);
    }
}
