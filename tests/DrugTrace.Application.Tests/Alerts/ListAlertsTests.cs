using DrugTrace.Application.Alerts;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.Alerts.AlertSamples;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Alerts;

public class ListAlertsTests
{
    private readonly InMemoryAlertStore _store = new();

    private async Task<IReadOnlyList<AlertDto>> List(Party actor, ListAlerts? request = null) =>
        await new ListAlertsHandler(_store, ContextFor(actor)).Handle(request ?? new ListAlerts(actor.Gln), CancellationToken.None);

    private static IEnumerable<string?> Serials(IEnumerable<AlertDto> alerts) => alerts.Select(a => a.PackSerial);

    /// <summary>
    /// A1: pharmacy on Acme's pack; A2: other pharmacy on Other Pharma's pack; A3: wholesaler on Acme's pack;
    /// A4: Acme itself on an unknown product (no brand owner); A5: pharmacy, probable scanning error on Acme's pack.
    /// </summary>
    private async Task SeedAsync()
    {
        await _store.Store(Make(Pharmacy.Gln, Maker.Gln, "A1"));
        await _store.Store(Make(OtherPharmacy.Gln, OtherMaker.Gln, "A2", gtin: OtherGtin));
        await _store.Store(Make(Wholesaler.Gln, Maker.Gln, "A3", AlertKind.CustodyMismatch));
        await _store.Store(Make(Maker.Gln, null, "A4", AlertKind.UnknownProduct, gtin: UnregisteredGtin));
        await _store.Store(Make(Pharmacy.Gln, Maker.Gln, "A5", scanningError: true));
    }

    [Fact]
    public async Task A_regulator_sees_every_alert_newest_first()
    {
        await SeedAsync();

        Assert.Equal(["A5", "A4", "A3", "A2", "A1"], Serials(await List(Regulator)));
    }

    [Fact]
    public async Task A_manufacturer_sees_alerts_on_its_own_brands_and_those_it_raised()
    {
        await SeedAsync();

        Assert.Equal(["A5", "A4", "A3", "A1"], Serials(await List(Maker)));
        Assert.Equal(["A2"], Serials(await List(OtherMaker)));
    }

    [Fact]
    public async Task A_pharmacy_or_wholesaler_sees_only_the_alerts_it_raised()
    {
        await SeedAsync();

        Assert.Equal(["A5", "A1"], Serials(await List(Pharmacy)));
        Assert.Equal(["A2"], Serials(await List(OtherPharmacy)));
        Assert.Equal(["A3"], Serials(await List(Wholesaler)));
        Assert.Empty(await List(OtherWholesaler));
    }

    [Fact]
    public async Task Filter_by_kind_and_status()
    {
        await SeedAsync();
        var a3 = _store.All.Single(a => a.PackSerial == "A3");
        var (investigating, _) = AlertLifecycle.Change(a3, AlertStatus.Investigating, null, null, Regulator.Gln, Start);
        Assert.True(await _store.TryUpdateAsync(investigating!, default));

        Assert.Equal(["A3"], Serials(await List(Regulator, new ListAlerts(Regulator.Gln, Kind: AlertKind.CustodyMismatch))));
        Assert.Equal(["A3"], Serials(await List(Regulator, new ListAlerts(Regulator.Gln, Status: AlertStatus.Investigating))));
        Assert.Equal(["A5", "A4", "A2", "A1"], Serials(await List(Regulator, new ListAlerts(Regulator.Gln, Status: AlertStatus.Open))));
        Assert.Empty(await List(Regulator, new ListAlerts(Regulator.Gln, Status: AlertStatus.Closed)));
    }

    [Fact]
    public async Task Filter_by_gtin_accepts_the_short_form()
    {
        await SeedAsync();

        Assert.Equal(["A2"], Serials(await List(Regulator, new ListAlerts(Regulator.Gln, Gtin: OtherGtin))));
        Assert.Equal(["A2"], Serials(await List(Regulator, new ListAlerts(Regulator.Gln, Gtin: OtherGtin.TrimStart('0')))));
        Assert.Equal(["A5", "A3", "A1"], Serials(await List(Regulator, new ListAlerts(Regulator.Gln, Gtin: $" {TestWorld.Gtin} "))));
    }

    [Fact]
    public async Task Filter_by_scanning_party_stays_within_what_one_may_see()
    {
        await SeedAsync();

        Assert.Equal(["A3"], Serials(await List(Regulator, new ListAlerts(Regulator.Gln, Party: Wholesaler.Gln))));
        Assert.Equal(["A3"], Serials(await List(Maker, new ListAlerts(Maker.Gln, Party: Wholesaler.Gln))));
        // Other Pharma may not see what the wholesaler raised on Acme's packs.
        Assert.Empty(await List(OtherMaker, new ListAlerts(OtherMaker.Gln, Party: Wholesaler.Gln)));
    }

    [Fact]
    public async Task Scanning_errors_can_be_left_out()
    {
        await SeedAsync();

        Assert.Equal(["A4", "A3", "A2", "A1"], Serials(await List(Regulator, new ListAlerts(Regulator.Gln, ScanningErrors: false))));
        Assert.Contains("A5", Serials(await List(Regulator, new ListAlerts(Regulator.Gln, ScanningErrors: true))));
    }

    [Fact]
    public async Task Since_gives_the_missed_alerts_oldest_first()
    {
        await SeedAsync();
        var a2 = _store.All.Single(a => a.PackSerial == "A2").Id;

        Assert.Equal(["A3", "A4", "A5"], Serials(await List(Regulator, new ListAlerts(Regulator.Gln, Since: a2))));
        Assert.Equal(["A5"], Serials(await List(Pharmacy, new ListAlerts(Pharmacy.Gln, Since: a2))));
        Assert.Empty(await List(Regulator, new ListAlerts(Regulator.Gln, Since: _store.All.Max(a => a.Id))));
    }

    [Fact]
    public async Task Skip_and_take_page_the_result()
    {
        await SeedAsync();

        Assert.Equal(["A4", "A3"], Serials(await List(Regulator, new ListAlerts(Regulator.Gln, Skip: 1, Take: 2))));
        Assert.Equal(["A1"], Serials(await List(Regulator, new ListAlerts(Regulator.Gln, Skip: 4, Take: 2))));
        Assert.Empty(await List(Regulator, new ListAlerts(Regulator.Gln, Skip: 5)));
    }

    [Fact]
    public async Task Alerts_are_shown_with_their_api_words()
    {
        await _store.Store(Make(Pharmacy.Gln, Maker.Gln, "A1", scanningError: true));

        var dto = Assert.Single(await List(Pharmacy));

        Assert.Equal(("UnknownSerial", "low", "open", "NMVS_NC_PC_02", true), (dto.Kind, dto.Severity, dto.Status, dto.ReasonCode, dto.ProbableScanningError));
        Assert.Null(dto.Resolution);
    }

    [Fact]
    public void A_valid_request_has_no_errors()
    {
        var request = new ListAlerts(Regulator.Gln, AlertStatus.Open, AlertKind.UnknownSerial, OtherGtin, Pharmacy.Gln, 0, false, 0, ListAlerts.MaxTake);

        Assert.Empty(new ListAlertsValidator().Validate(request));
    }

    [Theory]
    [InlineData("gtin")]
    [InlineData("party")]
    [InlineData("since")]
    [InlineData("skip")]
    [InlineData("take")]
    public void Each_bad_field_is_named(string field)
    {
        var request = field switch
        {
            "gtin" => new ListAlerts(Regulator.Gln, Gtin: "09506000134353"),
            "party" => new ListAlerts(Regulator.Gln, Party: "12345"),
            "since" => new ListAlerts(Regulator.Gln, Since: -1),
            "skip" => new ListAlerts(Regulator.Gln, Skip: -1),
            _ => new ListAlerts(Regulator.Gln, Take: 0),
        };

        var error = Assert.Single(new ListAlertsValidator().Validate(request));

        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Take_1_and_the_maximum_are_accepted()
    {
        Assert.Empty(new ListAlertsValidator().Validate(new ListAlerts(Regulator.Gln, Take: 1)));
        Assert.Empty(new ListAlertsValidator().Validate(new ListAlerts(Regulator.Gln, Take: ListAlerts.MaxTake)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ListAlerts.MaxTake + 1)]
    public void Take_is_between_1_and_the_maximum(int take)
    {
        Assert.Equal("take", Assert.Single(new ListAlertsValidator().Validate(new ListAlerts(Regulator.Gln, Take: take))).Field);
    }
}
