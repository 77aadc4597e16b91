using Bunit;
using DrugTrace.Application.Audit;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Tests.Infrastructure;
using AuditPage = DrugTrace.Web.Components.Pages.Regulator.Audit;

namespace DrugTrace.Web.Tests.Components.Pages.Regulator;

public sealed class AuditTests : UiContext
{
    public AuditTests() => WithFakeUseCases().SignedInAs(PartyRole.Regulator, "4012349000012", "NMVA");

    [Fact]
    public void A_clean_ledger_is_reported_as_intact()
    {
        UseCases.On<AuditLedger>(r =>
        {
            r.Progress?.Report(10);
            return new AuditReport(1000, 1234, []);
        });
        var cut = Render<AuditPage>();

        cut.Find("[data-testid=run]").Click();

        cut.WaitForAssertion(() => Assert.Contains("The ledger is intact: 1,000 packs and 1,234 events verified.", cut.Find("[data-testid=result]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=violations]"));
    }

    [Fact]
    public void Each_broken_link_is_listed_by_pack_and_seq()
    {
        UseCases.On<AuditLedger>(_ => new AuditReport(10, 20,
            [new AuditViolation(StreamKind.Pack, "04012345000115", "SN123", 2, 17, "hash does not match the event")]));
        var cut = Render<AuditPage>();

        cut.Find("[data-testid=run]").Click();

        cut.WaitForAssertion(() => Assert.Contains("1 broken link(s)", cut.Find("[data-testid=result]").TextContent));
        var table = cut.Find("[data-testid=violations]").TextContent;
        Assert.Contains("SN123", table);
        Assert.Contains("hash does not match the event", table);
    }
}
