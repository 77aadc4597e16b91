using DrugTrace.Application.Packs;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

public class ScanOutcomesTests
{
    private static readonly PackView Pack = new(Gtin, "SN1", "LOT42", Expiry, "Active", Pharmacy.Gln, "Paracetamol 500 mg");

    [Fact]
    public void An_alert_says_its_first_finding_and_lists_all_of_them()
    {
        var outcome = ScanOutcomes.Flag(Pack, [new Finding(AlertKind.UnknownSerial, "first"), new Finding(AlertKind.UnknownLot, "second")]);

        Assert.Equal((ScanOutcome.Alert, "first"), (outcome.Verdict, outcome.Message));
        Assert.Equal([("UnknownSerial", "critical", "first"), ("UnknownLot", "critical", "second")],
            outcome.Alerts.Select(a => (a.Kind, a.Severity, a.Message)));
        Assert.All(outcome.Alerts, a => Assert.Null(a.Id));
        Assert.Null(outcome.Event);
    }

    [Theory]
    [InlineData(EventType.Shipped, "Shipped.")]
    [InlineData(EventType.Received, "Received into your stock.")]
    [InlineData(EventType.DispenseUndone, "Dispense undone: the pack is back in your stock.")]
    [InlineData(EventType.Unlocked, "Unlocked: the pack is back in your stock.")]
    [InlineData(EventType.Decommissioned, "Decommissioned.")]
    [InlineData(EventType.Quarantined, "Quarantined: the pack is held while it is investigated; it cannot be shipped, received or dispensed.")]
    [InlineData(EventType.Released, "Released from quarantine: the pack is back to the status it had.")]
    [InlineData(EventType.ConfirmedIllegitimate,
        "Confirmed illegitimate: the pack is decommissioned; the regulators and the brand owner are alerted and must be notified within 24 hours.")]
    public void A_done_handoff_is_said_in_words(EventType type, string words) => Assert.Equal(words, ScanOutcomes.Done(type));

    [Fact]
    public void Genuine_and_refused_carry_the_pack_and_no_alerts()
    {
        var genuine = ScanOutcomes.Genuine(Pack);
        Assert.Equal((ScanOutcome.Ok, "Genuine pack.", Pack), (genuine.Verdict, genuine.Message, genuine.Pack));
        Assert.Empty(genuine.Alerts);
        var refused = ScanOutcomes.Refused("This pack is already in your stock.", Pack);
        Assert.Equal((ScanOutcome.Refused, "This pack is already in your stock.", Pack), (refused.Verdict, refused.Message, refused.Pack));
        Assert.Empty(refused.Alerts);
    }

    [Fact]
    public void A_flagged_judgement_is_about_the_scanned_pack()
    {
        var judgement = Judgement.Flagged(null, [new Finding(AlertKind.UnknownProduct, "no such product")], brandOwner: null);

        Assert.Equal(ScanOutcome.Alert, judgement.Outcome.Verdict);
        Assert.Single(judgement.Findings);
        Assert.Equal((null, null, false), (judgement.PackGtin, judgement.PackSerial, judgement.ProbableScanningError));
    }
}
