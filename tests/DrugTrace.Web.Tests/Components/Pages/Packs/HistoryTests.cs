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

    private DrugTrace.Application.Common.Interfaces.StoredCheckpoint? _checkpoint;

    public HistoryTests()
    {
        WithFakeUseCases().SignedInAs(PartyRole.Pharmacy, Demo.PharmacyGln, "Linden-Apotheke");
        UseCases.On<DrugTrace.Application.Transparency.GetLogCheckpoint>(_ => _checkpoint ?? throw new NotFoundException("The log has not signed a checkpoint yet."));
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
    public void A_dispense_queued_offline_is_marked_for_the_regulator_as_recorded_after_its_scan()
    {
        SignedInAs(PartyRole.Regulator, "4012349000012", "National Medicines Verification Authority");
        var scanned = new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.Zero);
        var replayed = scanned.AddMinutes(42);
        UseCases.On<GetPackHistory>(_ => new PackHistory(Pack,
        [
            new EventView(1, 0, "Received", Demo.PharmacyGln, Demo.ManufacturerGln, null, null, scanned.AddDays(-1), scanned.AddDays(-1), new string('0', 64), new string('a', 64)),
            new EventView(2, 1, "Dispensed", Demo.PharmacyGln, null, null, null, scanned, replayed, new string('a', 64), new string('b', 64)),
        ], true, []));

        var cut = Render<History>(p => p.Add(c => c.Gtin, Pack.Gtin).Add(c => c.Serial, Pack.Serial));

        // Only the late one is marked, with both times: when it was scanned and when the server got it.
        var mark = Assert.Single(cut.FindAll("[data-testid=recorded-later]"));
        Assert.Contains("Recorded later, at 2026-01-02 10:42:00 UTC", mark.TextContent);
        Assert.Contains("queued offline", mark.TextContent);
        var items = cut.FindAll(".mud-timeline-item");
        Assert.Contains("Dispensed", items[1].TextContent);
        Assert.Contains("2026-01-02 10:00:00 UTC", items[1].TextContent);
        Assert.Contains("recorded-later", items[1].InnerHtml);
        Assert.DoesNotContain("recorded-later", items[0].InnerHtml);
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

    [Fact]
    public void Shows_where_each_event_sits_in_the_log_and_offers_the_proof_download()
    {
        var at = new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.Zero);
        var signer = DrugTrace.Domain.Transparency.NoteSigner.Generate("drugtrace.example/log");
        var text = new DrugTrace.Domain.Transparency.Checkpoint("drugtrace.example/log", 2, DrugTrace.Domain.Transparency.Rfc6962.EmptyRoot).Text;
        var witness = DrugTrace.Domain.Transparency.Cosigner.Generate("regulator.example/witness");
        var note = text + "\n" + signer.SignatureLine(text) + witness.SignatureLine(text, 1_764_579_600);
        _checkpoint = new DrugTrace.Application.Common.Interfaces.StoredCheckpoint(2, DrugTrace.Domain.Transparency.Rfc6962.EmptyRoot, at, note);
        UseCases.On<GetPackHistory>(_ => new PackHistory(Pack,
        [
            new EventView(1, 0, "Commissioned", Demo.ManufacturerGln, null, null, null, at, at, new string('0', 64), new string('a', 64)),
            new EventView(7, 1, "Shipped", Demo.ManufacturerGln, null, Demo.PharmacyGln, null, at, at, new string('a', 64), new string('b', 64)),
        ], true, []));

        var cut = Render<History>(p => p.Add(c => c.Gtin, Pack.Gtin).Add(c => c.Serial, Pack.Serial));

        var panel = cut.Find("[data-testid=log-checkpoint]").TextContent;
        Assert.Contains("2 events", panel);
        Assert.Contains("cosigned by regulator.example/witness", panel);
        Assert.Contains("1 of 2 events of this pack are in it", panel);
        Assert.Equal($"/packs/{Pack.Gtin}/{Pack.Serial}/proof.json", cut.Find("[data-testid=download-proof]").GetAttribute("href"));
        var timeline = cut.Find("[data-testid=timeline]").TextContent;
        Assert.Contains("log index 1 · in the latest checkpoint", timeline);
        Assert.Contains("log index 7 · in the next checkpoint", timeline);
    }
}
