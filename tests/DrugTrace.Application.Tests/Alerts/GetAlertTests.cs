using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.Alerts.AlertSamples;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Alerts;

public class GetAlertTests
{
    private readonly InMemoryAlertStore _store = new();

    private ValueTask<AlertDto> Get(Party actor, long id) =>
        new GetAlertHandler(_store, ContextFor(actor)).Handle(new GetAlert(actor.Gln, id), CancellationToken.None);

    [Theory]
    [InlineData("regulator")]
    [InlineData("brand owner")]
    [InlineData("scanning party")]
    public async Task Those_who_may_see_an_alert_get_it(string who)
    {
        var alert = await _store.Store(Make(Pharmacy.Gln, Maker.Gln, "A1"));
        var actor = who switch { "regulator" => Regulator, "brand owner" => Maker, _ => Pharmacy };

        var dto = await Get(actor, alert.Id);

        Assert.Equal((alert.Id, "A1", Pharmacy.Gln), (dto.Id, dto.PackSerial, dto.ScanningParty));
    }

    [Fact]
    public async Task An_alert_comes_with_its_history()
    {
        var alert = await _store.Store(Make(Pharmacy.Gln, Maker.Gln, "A1"));
        var (closed, _) = AlertLifecycle.Change(alert, AlertStatus.Closed, AlertResolution.FalsePositive, "checked", Regulator.Gln, Start.AddHours(1));
        Assert.True(await _store.TryUpdateAsync(closed!, default));

        var dto = await Get(Maker, alert.Id);

        Assert.Equal(("closed", "false-positive", 1), (dto.Status, dto.Resolution, dto.Version));
        var change = Assert.Single(dto.History);
        Assert.Equal(new AlertChangeDto(Start.AddHours(1), Regulator.Gln, "closed", "false-positive", "checked"), change);
    }

    [Theory]
    [InlineData("other manufacturer")]
    [InlineData("other pharmacy")]
    [InlineData("wholesaler")]
    public async Task An_alert_one_may_not_see_is_reported_as_missing(string who)
    {
        var alert = await _store.Store(Make(Pharmacy.Gln, Maker.Gln, "A1"));
        var actor = who switch { "other manufacturer" => OtherMaker, "other pharmacy" => OtherPharmacy, _ => Wholesaler };

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => Get(actor, alert.Id).AsTask());

        Assert.Equal($"No alert {alert.Id} that you may see.", ex.Message);
    }

    [Fact]
    public async Task A_missing_alert_is_NotFound_with_the_same_words()
    {
        var ex = await Assert.ThrowsAsync<NotFoundException>(() => Get(Regulator, 42).AsTask());

        Assert.Equal("No alert 42 that you may see.", ex.Message);
    }
}
