using Bunit;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using DrugTrace.Web.Components.Shared;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Components.Shared;

public sealed class VerdictCardTests : UiContext
{
    private static readonly PackView Pack = new("04012345000115", "SN123", "AMX24A17", new DateOnly(2029, 12, 31), "Active", "4012347000014", "Amoxicillin 500 mg");

    [Fact]
    public void An_ok_verdict_is_a_green_card_with_the_pack_details()
    {
        var cut = Render<VerdictCard>(p => p.Add(c => c.Outcome, new ScanOutcome(ScanOutcome.Ok, "Genuine pack.", Pack, [], null)));

        var card = cut.Find("[data-testid=verdict]");
        Assert.Contains("verdict-ok", card.ClassList);
        Assert.Equal("Genuine pack", cut.Find("[data-testid=verdict-title]").TextContent);
        Assert.Contains("Amoxicillin 500 mg", card.TextContent);
        Assert.Contains("31 Dec 2029", card.TextContent);
        Assert.Contains("AMX24A17", card.TextContent);
        Assert.Equal("Active", cut.Find("[data-testid=verdict-status]").TextContent);
        Assert.Contains("packs/04012345000115/SN123", cut.Markup);
    }

    [Fact]
    public void A_refused_verdict_is_an_amber_card_with_the_reason()
    {
        var cut = Render<VerdictCard>(p => p
            .Add(c => c.Outcome, new ScanOutcome(ScanOutcome.Refused, "This pack is already in your stock.", Pack, [], null))
            .Add(c => c.Action, PackAction.Receive));

        Assert.Contains("verdict-refused", cut.Find("[data-testid=verdict]").ClassList);
        Assert.Equal("Not done", cut.Find("[data-testid=verdict-title]").TextContent);
        Assert.Equal("This pack is already in your stock.", cut.Find("[data-testid=verdict-message]").TextContent);
    }

    [Fact]
    public void An_alert_verdict_is_a_red_card_naming_every_alert_in_words()
    {
        var outcome = new ScanOutcome(ScanOutcome.Alert, "Serial X was never commissioned.", null,
            [new AlertView(null, "UnknownSerial", "critical", "Serial X was never commissioned."), new AlertView(null, "UnknownLot", "critical", "Lot L was never registered.")], null);

        var cut = Render<VerdictCard>(p => p.Add(c => c.Outcome, outcome).Add(c => c.Action, PackAction.Dispense));

        Assert.Contains("verdict-alert", cut.Find("[data-testid=verdict]").ClassList);
        Assert.Equal("Alert: do not supply", cut.Find("[data-testid=verdict-title]").TextContent);
        var second = cut.FindAll(".verdict-alerts li")[1].TextContent;
        Assert.Contains("Lot L was never registered.", second);
        Assert.Contains("(Unknown lot, critical)", second);
    }

    [Fact]
    public void A_probable_scanning_error_is_an_amber_check_the_scanner_card_with_the_likely_pack_never_the_red_one()
    {
        const string message = "Probable scanning error: the letters arrived in the wrong case (is Caps Lock on?). This is most likely the genuine pack SN123 of Amoxicillin 500 mg (lot AMX24A17); fix the scanner and scan it again.";
        var outcome = new ScanOutcome(ScanOutcome.Alert, message, Pack, [new AlertView("a1", "UnknownSerial", "low", message, ProbableScanningError: true)], null);

        var cut = Render<VerdictCard>(p => p.Add(c => c.Outcome, outcome).Add(c => c.Action, PackAction.Dispense));

        var card = cut.Find("[data-testid=verdict]");
        Assert.Contains("verdict-scanning-error", card.ClassList);
        Assert.DoesNotContain("verdict-alert", card.ClassList);
        Assert.Equal("true", card.GetAttribute("data-scanning-error"));
        Assert.Equal("Check the scanner", cut.Find("[data-testid=verdict-title]").TextContent);
        Assert.DoesNotContain("do not supply", card.TextContent);
        Assert.Contains("Probably meant pack", card.TextContent);
        Assert.Contains("SN123", card.TextContent);
    }

    [Fact]
    public void A_scanning_error_beside_a_real_alert_stays_red()
    {
        var outcome = new ScanOutcome(ScanOutcome.Alert, "Recalled.", Pack,
            [new AlertView("a1", "UnknownSerial", "low", "Probable scanning error", ProbableScanningError: true), new AlertView("a2", "Recalled", "high", "Recalled.")], null);

        var cut = Render<VerdictCard>(p => p.Add(c => c.Outcome, outcome));

        Assert.Contains("verdict-alert", cut.Find("[data-testid=verdict]").ClassList);
        Assert.Equal("Alert: do not supply", cut.Find("[data-testid=verdict-title]").TextContent);
    }
}
