using DrugTrace.Application.Alerts;
using DrugTrace.Domain.Alerts;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Alerts;

/// <summary>An alert as a party reads it: the regulator's notes only for regulators and the brand owner.</summary>
public sealed class AlertDtoTests
{
    [Fact]
    public void A_history_with_one_noted_change_among_others_reaches_the_scanning_party_without_any_note()
    {
        var alert = AlertSamples.Make(Pharmacy.Gln, Maker.Gln, "S1") with
        {
            History =
            [
                new AlertChange(Start, Regulator.Gln, AlertStatus.Investigating, null, "Looks like diversion via the harbour."),
                new AlertChange(Start.AddHours(1), Regulator.Gln, AlertStatus.Closed, AlertResolution.Other, null),
            ],
        };

        Assert.All(AlertDto.For(Pharmacy, alert).History, h => Assert.Null(h.Note));
        Assert.Equal("Looks like diversion via the harbour.", AlertDto.For(Regulator, alert).History[0].Note);
        Assert.Equal("Looks like diversion via the harbour.", AlertDto.For(Maker, alert).History[0].Note);
    }
}
