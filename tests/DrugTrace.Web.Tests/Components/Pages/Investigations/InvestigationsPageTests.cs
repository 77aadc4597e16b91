using Bunit;
using DrugTrace.Application.Investigations;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Tests.Infrastructure;
using Page = DrugTrace.Web.Components.Pages.Investigations.Investigations;

namespace DrugTrace.Web.Tests.Components.Pages.Investigations;

public sealed class InvestigationsPageTests : UiContext
{
    private static readonly InvestigationView Held = new("04012345000115", "SN1", "L1", new DateOnly(2030, 6, 30), "Amoxicillin 500 mg",
        new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero), "Linden-Apotheke (4012347000014)", "Seal looks re-glued", "active",
        "(01)04012345000115(17)300630(10)L1(21)SN1");

    [Fact]
    public void A_pharmacy_sees_its_quarantined_packs_and_releases_one_with_its_finding()
    {
        WithFakeUseCases().SignedInAs(PartyRole.Pharmacy, Demo.PharmacyGln, "Linden-Apotheke");
        var listed = new List<IReadOnlyList<InvestigationView>> { new[] { Held }, Array.Empty<InvestigationView>() };
        UseCases.On<ListInvestigations>(_ => { var next = listed[0]; if (listed.Count > 1) listed.RemoveAt(0); return next; });
        UseCases.On<ReleasePack>(_ => new ScanOutcome(ScanVerdict.Ok, "Released from quarantine: the pack is back to the status it had.", null, [], null));
        var cut = Render<Page>();

        var row = cut.Find("[data-testid=investigation]");
        Assert.Contains("Seal looks re-glued", row.TextContent);
        Assert.Contains("2026-12-02 09:00 UTC", row.TextContent);
        cut.Find("input[data-testid=finding]").Change("Seal checked with the maker");
        cut.Find("[data-testid=release]").Click();

        var sent = Assert.IsType<ReleasePack>(UseCases.Sent.Last(r => r is ReleasePack));
        Assert.Equal((Demo.PharmacyGln, Held.Code, "Seal checked with the maker"), (sent.ActorGln, sent.Code, sent.Note));
        cut.WaitForAssertion(() => Assert.Contains("Released from quarantine", cut.Find("[data-testid=outcome]").TextContent));
        Assert.Contains("No pack is under investigation by you", cut.Find("[data-testid=empty]").TextContent);
    }

    [Fact]
    public void A_regulator_sees_who_quarantined_each_pack_and_can_confirm_it()
    {
        WithFakeUseCases().SignedInAs(PartyRole.Regulator, "4012349000012", "National Medicines Verification Authority");
        UseCases.On<ListInvestigations>(_ => (IReadOnlyList<InvestigationView>)[Held]);
        UseCases.On<ConfirmIllegitimate>(_ => new ScanOutcome(ScanVerdict.Ok, "Confirmed illegitimate.", null, [], null));
        var cut = Render<Page>();

        Assert.Contains("by Linden-Apotheke (4012347000014)", cut.Find("[data-testid=investigation]").TextContent);
        cut.Find("[data-testid=confirm]").Click();
        Assert.Equal(Held.Code, Assert.IsType<ConfirmIllegitimate>(UseCases.Sent.Last(r => r is ConfirmIllegitimate)).Code);
    }
}
