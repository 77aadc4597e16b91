using Bunit;
using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Components.Pages.Custody;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Components.Pages.Custody;

public sealed class CasesTests : UiContext
{
    private const string Sscc = "040123460000000429";

    public CasesTests() => WithFakeUseCases().SignedInAs(PartyRole.Wholesaler, Demo.WholesalerGln, "Atlas Pharma Wholesale GmbH");

    private static CaseView Case(string status = "Active") => new(Sscc, status, Demo.WholesalerGln, null, null, Demo.WholesalerGln,
        new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero), 2,
        [new CasePackView("04012345000115", "SN1", "L1", new DateOnly(2030, 6, 30), "Active"), new CasePackView("04012345000115", "SN2", "L1", new DateOnly(2030, 6, 30), "Active")], []);

    [Fact]
    public void Scanned_packs_are_listed_and_packed_in_one_call_and_the_case_shows_its_label_and_contents()
    {
        UseCases.On<PackCase>(_ => Case());
        var cut = Render<Cases>();

        cut.Find("input[data-testid=pack-scan]").Input("(01)04012345000115(17)300630(10)L1(21)SN1");
        cut.Find("[data-testid=add]").Click();
        cut.Find("input[data-testid=pack-scan]").Input("(01)04012345000115(17)300630(10)L1(21)SN2");
        cut.Find("[data-testid=add]").Click();
        Assert.Contains("2 items to pack", cut.Find("[data-testid=pack-count]").TextContent);
        cut.Find("[data-testid=pack]").Click();

        var sent = Assert.IsType<PackCase>(UseCases.Sent[^1]);
        Assert.Equal((Demo.WholesalerGln, 2, (string?)null), (sent.ActorGln, sent.Codes.Count, sent.Sscc));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=case-pack]").Count));
        Assert.Contains($"aria-label=\"Case label SSCC {Sscc}\"", cut.Find("[data-testid=case-label]").InnerHtml);
        Assert.Contains("Packed: 2 packs", cut.Find("[data-testid=notice]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=unpack]"));
    }

    [Fact]
    public void A_refused_case_says_why_in_plain_words_and_keeps_the_list()
    {
        UseCases.On<PackCase>(_ => throw new ForbiddenAccessException("Pack 04012345000115/SN9 is not in your stock; nothing was packed."));
        var cut = Render<Cases>();
        cut.Find("input[data-testid=pack-scan]").Input("(01)04012345000115(17)300630(10)L1(21)SN9");
        cut.Find("[data-testid=add]").Click();
        cut.Find("[data-testid=pack]").Click();

        cut.WaitForAssertion(() => Assert.Contains("is not in your stock", cut.Find("[data-testid=pack-problem]").TextContent));
        Assert.Contains("1 item to pack", cut.Find("[data-testid=pack-count]").TextContent);
    }

    [Fact]
    public void A_looked_up_case_is_unpacked_with_the_signed_in_party()
    {
        UseCases.On<GetCase>(_ => Case());
        UseCases.On<UnpackCase>(_ => Case("Unpacked"));
        var cut = Render<Cases>(p => p.Add(c => c.Sscc, Sscc));
        cut.WaitForAssertion(() => Assert.Equal("Active", cut.Find("[data-testid=case-status]").TextContent));

        cut.Find("[data-testid=unpack]").Click();

        var sent = Assert.IsType<UnpackCase>(UseCases.Sent[^1]);
        Assert.Equal((Demo.WholesalerGln, Sscc), (sent.ActorGln, sent.Sscc));
        cut.WaitForAssertion(() => Assert.Equal("Unpacked", cut.Find("[data-testid=case-status]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=unpack]"));
    }
}
