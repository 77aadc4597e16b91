using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.Alerts.AlertSamples;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Alerts;

public class AlertVisibilityTests
{
    private static readonly Party[] Everyone = [Maker, OtherMaker, Wholesaler, OtherWholesaler, Pharmacy, OtherPharmacy, Regulator];

    [Fact]
    public void Regulators_the_brand_owner_and_the_scanning_party_see_an_alert_and_nobody_else()
    {
        var alert = Make(Pharmacy.Gln, Maker.Gln, "A1");

        var seeing = Everyone.Where(p => AlertVisibility.CanSee(p, alert));

        Assert.Equal([Maker, Pharmacy, Regulator], seeing);
    }

    [Fact]
    public void An_alert_without_a_brand_owner_is_seen_by_regulators_and_the_scanner_only()
    {
        var alert = Make(Wholesaler.Gln, null, "A1");

        Assert.Equal([Wholesaler, Regulator], Everyone.Where(p => AlertVisibility.CanSee(p, alert)));
    }

    [Fact]
    public void The_audiences_are_the_scanner_and_the_brand_owner_once_each()
    {
        Assert.Equal([Pharmacy.Gln, Maker.Gln], AlertVisibility.PartiesOf(Make(Pharmacy.Gln, Maker.Gln, "A1")));
        Assert.Equal([Pharmacy.Gln], AlertVisibility.PartiesOf(Make(Pharmacy.Gln, null, "A1")));
        // A manufacturer scanning its own product is one audience, not two.
        Assert.Equal([Maker.Gln], AlertVisibility.PartiesOf(Make(Maker.Gln, Maker.Gln, "A1")));
    }
}
