using Bunit;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Components.Pages.Packs;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Components.Pages.Packs;

public sealed class HistoryTests : UiContext
{
    private static readonly PackView Pack = new("04012345000115", "SN123", "AMX24A17", new DateOnly(2029, 12, 31), "Active", Demo.PharmacyGln, "Amoxicillin 500 mg");

    public HistoryTests()
    {
        WithFakeUseCases().SignedInAs(PartyRole.Pharmacy, Demo.PharmacyGln, "Linden-Apotheke");
        UseCases.On<ListParties>(_ => (IReadOnlyList<Party>)[new Party(Demo.ManufacturerGln, "Helvetia Pharma AG", PartyRole.Manufacturer), new Party(Demo.PharmacyGln, "Linden-Apotheke", PartyRole.Pharmacy)]);
    }

    [Fact]
    public void Shows_each_event_with_its_hash_and_the_chain_verified_mark()
    {
        var at = new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.Zero);
        UseCases.On<GetPackHistory>(_ => new PackHistory(Pack,
        [
            new EventView(1, 0, "Commissioned", Demo.ManufacturerGln, null, null, null, at, at, new string('0', 64), new string('a', 64)),
            new EventView(2, 1, "Shipped", Demo.ManufacturerGln, null, Demo.PharmacyGln, null, at, at, new string('a', 64), new string('b', 64)),
        ], true, []));

        var cut = Render<History>(p => p.Add(c => c.Gtin, Pack.Gtin).Add(c => c.Serial, Pack.Serial));

        Assert.NotNull(cut.Find("[data-testid=chain-verified]"));
        var timeline = cut.Find("[data-testid=timeline]").TextContent;
        Assert.Contains(new string('b', 64), timeline);
        Assert.Contains("Shipped", timeline);
        Assert.Contains("to Linden-Apotheke (4012347000014)", timeline);
        Assert.Contains("by Helvetia Pharma AG", timeline);
    }

    [Fact]
    public void A_broken_chain_is_marked_with_its_problems()
    {
        UseCases.On<GetPackHistory>(_ => new PackHistory(Pack, [], false, ["seq 1: hash does not match the event"]));
        var cut = Render<History>(p => p.Add(c => c.Gtin, Pack.Gtin).Add(c => c.Serial, Pack.Serial));
        Assert.NotNull(cut.Find("[data-testid=chain-broken]"));
        Assert.Contains("seq 1: hash does not match the event", cut.Markup);
    }

    [Fact]
    public void A_pack_the_party_may_not_see_is_explained_not_thrown()
    {
        UseCases.On<GetPackHistory>(_ => throw new NotFoundException("No pack SN123 of GTIN 04012345000115 that you may see."));
        var cut = Render<History>(p => p.Add(c => c.Gtin, Pack.Gtin).Add(c => c.Serial, Pack.Serial));
        Assert.Contains("that you may see", cut.Find("[data-testid=problem]").TextContent);
    }
}
