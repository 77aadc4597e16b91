using DrugTrace.Application.Alerts;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

/// <summary>
/// Issue #15 point 1: a genuine pack the ledger places elsewhere is a custody exception (genuine,
/// verdict warning), seen by the scanning party, the brand owner, the holder and the regulator's
/// exceptions view; CloneSuspected is kept for what custody cannot explain.
/// </summary>
public class CustodyExceptionsTests
{
    private readonly TestWorld _world = new();

    private static readonly PackCommand Verify = new(PackAction.Verify);

    /// <summary>A pack in <paramref name="holder"/>'s stock whose last scan there is older than the clone window.</summary>
    private async Task<string> SettledPackAtAsync(Party holder)
    {
        var serial = await _world.PackAtAsync(holder);
        _world.Clock.Advance(_world.AlertOptions.CloneWindow + TimeSpan.FromMinutes(1));
        return serial;
    }

    private Task<IReadOnlyList<AlertDto>> ListAsync(Party viewer, bool? exceptions = null) =>
        new ListAlertsHandler(_world.Alerts, ContextFor(viewer)).Handle(new ListAlerts(viewer.Gln, CustodyExceptions: exceptions), default).AsTask();

    [Fact]
    public async Task The_exception_is_seen_by_the_scanning_party_the_brand_owner_and_the_holder_only()
    {
        var serial = await SettledPackAtAsync(Pharmacy);
        await _world.ScanAsync(OtherPharmacy, Code(serial), Verify);
        var id = long.Parse(Assert.Single(_world.Alerts.All).Id.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

        foreach (var party in new[] { OtherPharmacy, Maker, Pharmacy, Regulator })
            Assert.Equal(["CustodyException"], (await ListAsync(party)).Select(a => a.Kind));
        Assert.Empty(await ListAsync(Wholesaler));
        Assert.Empty(await ListAsync(OtherMaker));

        // The holder may open it (to record the shipment it forgot); an unrelated wholesaler may not.
        var asHolder = await new GetAlertHandler(_world.Alerts, ContextFor(Pharmacy)).Handle(new GetAlert(Pharmacy.Gln, id), default);
        Assert.Equal("CustodyException", asHolder.Kind);
        await Assert.ThrowsAsync<NotFoundException>(async () =>
            await new GetAlertHandler(_world.Alerts, ContextFor(Wholesaler)).Handle(new GetAlert(Wholesaler.Gln, id), default));
        // Pushed to the same parties (regulators are pushed every alert by their own group).
        Assert.Equal([OtherPharmacy.Gln, Maker.Gln, Pharmacy.Gln], AlertVisibility.PartiesOf(_world.Alerts.All[0]));
    }

    [Fact]
    public async Task The_regulator_sees_exceptions_in_their_own_view_not_in_the_counterfeit_feed()
    {
        var held = await SettledPackAtAsync(Pharmacy);
        await _world.ScanAsync(OtherPharmacy, Code(held), Verify);
        await _world.ScanAsync(Pharmacy, Code("NOSUCHSERIAL"), Verify);

        Assert.Equal(["UnknownSerial"], (await ListAsync(Regulator, exceptions: false)).Select(a => a.Kind));
        Assert.Equal(["CustodyException"], (await ListAsync(Regulator, exceptions: true)).Select(a => a.Kind));
        Assert.Equal(2, (await ListAsync(Regulator)).Count);
    }

    [Fact]
    public async Task A_pack_verified_elsewhere_while_its_holder_just_scanned_it_in_stock_is_a_suspected_clone()
    {
        var serial = await SettledPackAtAsync(Pharmacy);
        await _world.ScanAsync(Pharmacy, Code(serial), Verify);
        _world.Clock.Advance(TimeSpan.FromMinutes(10));

        var outcome = await _world.ScanAsync(OtherPharmacy, Code(serial), Verify);

        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        Assert.Equal([("CloneSuspected", "critical"), ("CustodyException", "low")], outcome.Alerts.Select(a => (a.Kind, a.Severity)));
        Assert.Equal("The party that holds this serial in stock scanned it 10 minutes ago, yet it is scanned here too: "
            + "the pack in your hand or that one may be a copy. Keep this pack aside.", outcome.Message);
        Assert.Null(outcome.Pack!.Custodian);
        // Only the exception goes to the holder; the clone alert is the regulator's and the brand owner's.
        Assert.Equal([(AlertKind.CloneSuspected, (string?)null), (AlertKind.CustodyException, Pharmacy.Gln)],
            _world.Alerts.All.Select(a => (a.Kind, a.Custodian)));
    }

    [Fact]
    public async Task A_pack_held_elsewhere_seen_at_two_other_parties_within_the_window_is_a_suspected_clone()
    {
        var serial = await SettledPackAtAsync(Wholesaler);
        Assert.Equal(ScanOutcome.Warning, (await _world.ScanAsync(Pharmacy, Code(serial), Verify)).Verdict);
        _world.Clock.Advance(TimeSpan.FromMinutes(5));

        var outcome = await _world.ScanAsync(OtherPharmacy, Code(serial), Verify);

        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        Assert.Equal("CloneSuspected", outcome.Alerts[0].Kind);
        Assert.StartsWith("Another party scanned this serial 5 minutes ago", outcome.Message);
        Assert.DoesNotContain("Corner Pharmacy", outcome.Message);
    }

    [Fact]
    public async Task The_clone_window_is_configurable()
    {
        var serial = await SettledPackAtAsync(Wholesaler);
        await _world.ScanAsync(Pharmacy, Code(serial), Verify);
        _world.Clock.Advance(TimeSpan.FromHours(3));

        // Three hours apart is outside the default window: two custody exceptions, no clone.
        Assert.Equal(ScanOutcome.Warning, (await _world.ScanAsync(OtherPharmacy, Code(serial), Verify)).Verdict);

        _world.AlertOptions.CloneWindow = TimeSpan.FromHours(4);
        var wider = await _world.ScanAsync(OtherWholesaler, Code(serial), Verify);
        Assert.Equal(("alert", "CloneSuspected"), (wider.Verdict.Name, wider.Alerts[0].Kind));
    }

    [Fact]
    public async Task A_pack_just_shipped_to_someone_else_is_a_custody_exception_a_misdelivery_not_a_clone()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        await _world.ScanAsync(Maker, Code(serial), new PackCommand(PackAction.Ship, Wholesaler.Gln));

        var outcome = await _world.ScanAsync(OtherWholesaler, Code(serial), Verify);

        Assert.Equal((ScanOutcome.Warning, "CustodyException"), (outcome.Verdict.Name, Assert.Single(outcome.Alerts).Kind));
    }

    [Fact]
    public async Task A_regulators_inspection_is_no_second_sighting()
    {
        var serial = await SettledPackAtAsync(Pharmacy);
        await _world.ScanAsync(Regulator, Code(serial), Verify);

        Assert.Equal(ScanOutcome.Warning, (await _world.ScanAsync(OtherPharmacy, Code(serial), Verify)).Verdict);
    }

    [Fact]
    public async Task The_holder_verifying_its_pack_just_after_an_unrecorded_party_did_gets_a_suspected_clone()
    {
        var serial = await SettledPackAtAsync(Pharmacy);
        await _world.ScanAsync(OtherPharmacy, Code(serial), Verify);

        var outcome = await _world.ScanAsync(Pharmacy, Code(serial), Verify);

        Assert.Equal(("alert", "CloneSuspected"), (outcome.Verdict.Name, Assert.Single(outcome.Alerts).Kind));
        Assert.DoesNotContain("High Street", outcome.Message);
    }

    [Fact]
    public async Task Dispensing_a_pack_not_shipped_to_you_is_refused_and_records_the_exception_for_the_holder()
    {
        var serial = await SettledPackAtAsync(Pharmacy);
        var logBefore = _world.Ledger.Log.Count;

        var outcome = await _world.ScanAsync(OtherPharmacy, Code(serial), new PackCommand(PackAction.Dispense));

        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        Assert.Equal([("CustodyMismatch", "high"), ("CustodyException", "low")], outcome.Alerts.Select(a => (a.Kind, a.Severity)));
        Assert.Equal(CustodyExceptionRule().Message, outcome.Alerts[1].Message);
        Assert.Equal(logBefore, _world.Ledger.Log.Count);
        Assert.Equal(PackStatus.Active, (await _world.Ledger.FindPackAsync(Gtin, serial, default))!.Status);
        Assert.Equal(["CustodyException"], (await ListAsync(Pharmacy)).Select(a => a.Kind));
    }

    [Fact]
    public async Task Scanning_error_triage_runs_first_for_a_pack_held_elsewhere()
    {
        await _world.CommissionAsync("LOT42", 1, serials: new QueueSerialGenerator(["AbC123"]));
        var code = Code("AbC123");
        await _world.ScanAsync(Maker, code, new PackCommand(PackAction.Ship, Wholesaler.Gln));
        await _world.ScanAsync(Wholesaler, code, new PackCommand(PackAction.Receive));
        _world.Clock.Advance(TimeSpan.FromHours(2));

        // Caps Lock on at a pharmacy the ledger has not shipped the pack to.
        var outcome = await _world.ScanAsync(Pharmacy, Code("aBc123", lot: "lot42"), Verify);

        var alert = Assert.Single(outcome.Alerts);
        Assert.Equal(("UnknownSerial", "low", true), (alert.Kind, alert.Severity, alert.ProbableScanningError));
        Assert.DoesNotContain(_world.Alerts.All, a => a.Kind is AlertKind.CustodyException or AlertKind.CloneSuspected);
    }

    private static (string Message, int _) CustodyExceptionRule() => (Domain.Alerts.Rules.CustodyExceptionRule.Message, 0);
}
