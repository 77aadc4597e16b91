using DrugTrace.Application.Alerts;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Packs;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Alerts;

public class AlertRaiserTests
{
    private readonly InMemoryAlertStore _store = new();
    private readonly RecordingPublisher _publisher = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly AlertRaiser _raiser;

    private static readonly PackIdentity Scanned = new(Domain.Gs1.Gtin.Parse(TestWorld.Gtin), "NOSUCH", "LOT42", Expiry);
    private static readonly AlertSubject Subject = new(PackAction.Dispense, Code("NOSUCH"), Scanned, TestWorld.Gtin, "NOSUCH", Pharmacy.Gln, Maker.Gln, false);
    private static readonly Finding UnknownSerial = new(AlertKind.UnknownSerial, "Paracetamol 500 mg: serial NOSUCH was never commissioned.");

    public AlertRaiserTests()
    {
        _raiser = new AlertRaiser(_store, _publisher, Options.Create(new AlertOptions { DedupeWindow = TimeSpan.FromHours(1) }), _clock);
    }

    private ValueTask<IReadOnlyList<AlertView>> Raise(AlertSubject? subject = null, params Finding[] findings) =>
        _raiser.RaiseAsync(subject ?? Subject, findings.Length == 0 ? [UnknownSerial] : findings, CancellationToken.None);

    [Fact]
    public async Task A_new_alert_is_stored_with_everything_about_the_scan_and_published_once()
    {
        var views = await Raise();

        var stored = Assert.Single(_store.All);
        Assert.Equal(AlertKind.UnknownSerial, stored.Kind);
        Assert.Equal(Severity.Critical, stored.Severity);
        Assert.Equal("NMVS_NC_PC_02", stored.ReasonCode);
        Assert.Equal(UnknownSerial.Message, stored.Message);
        Assert.Equal(PackAction.Dispense, stored.Action.Scan);
        Assert.Equal(Code("NOSUCH"), stored.ScannedCode);
        Assert.Equal((TestWorld.Gtin, "NOSUCH", "LOT42", (DateOnly?)Expiry), (stored.ScannedGtin, stored.ScannedSerial, stored.ScannedLot, stored.ScannedExpiry));
        Assert.Equal((TestWorld.Gtin, "NOSUCH"), (stored.PackGtin, stored.PackSerial));
        Assert.Equal((Pharmacy.Gln, Maker.Gln), (stored.ScanningParty, stored.BrandOwner));
        Assert.False(stored.ProbableScanningError);
        Assert.Equal((Start, Start, 1, AlertStatus.Open), (stored.RaisedAt, stored.LastSeenAt, stored.Count, stored.Status));

        var raised = Assert.IsType<AlertRaised>(Assert.Single(_publisher.Published));
        Assert.Equal(stored, raised.Alert);
        var view = Assert.Single(views);
        Assert.Equal(new AlertView(stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "UnknownSerial", "critical", UnknownSerial.Message, 1, false), view);
    }

    [Fact]
    public async Task Repeats_only_count_and_are_pushed_at_2_10_100_and_1000()
    {
        for (var i = 0; i < 1000; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Raise();
        }

        var stored = Assert.Single(_store.All);
        Assert.Equal(1000, stored.Count);
        Assert.Equal(Start.AddSeconds(1), stored.RaisedAt);
        Assert.Equal(Start.AddSeconds(1000), stored.LastSeenAt);
        var published = _publisher.Published;
        Assert.IsType<AlertRaised>(published[0]);
        Assert.Equal([2, 10, 100, 1000], published.Skip(1).Select(p => Assert.IsType<AlertUpdated>(p).Alert.Count));
    }

    [Fact]
    public async Task A_repeat_reports_the_running_count_to_the_scanner()
    {
        await Raise();
        var second = await Raise();
        var third = await Raise();

        Assert.Equal(2, Assert.Single(second).Count);
        Assert.Equal(3, Assert.Single(third).Count);
        Assert.Equal(Assert.Single(second).Id, Assert.Single(third).Id);
    }

    [Fact]
    public async Task A_repeat_after_the_window_is_a_new_alert()
    {
        await Raise();
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(1));

        await Raise();

        Assert.Equal([1, 1], _store.All.Select(a => a.Count));
        Assert.Equal(2, _publisher.Published.OfType<AlertRaised>().Count());
    }

    [Fact]
    public async Task Another_party_or_another_kind_is_another_alert()
    {
        await Raise();
        await Raise(Subject with { ScanningParty = OtherPharmacy.Gln });
        await Raise(null, new Finding(AlertKind.UnknownLot, "Lot FAKE was never registered."));

        Assert.Equal(3, _store.All.Count);
        Assert.Equal(3, _publisher.Published.OfType<AlertRaised>().Count());
    }

    [Fact]
    public async Task A_probable_scanning_error_is_low_severity_whatever_the_kind()
    {
        var subject = Subject with { PackSerial = "GENUINE1", ProbableScanningError = true };

        var views = await Raise(subject, UnknownSerial, new Finding(AlertKind.LotMismatch, "m"));

        Assert.All(_store.All, a => Assert.Equal(Severity.Low, a.Severity));
        Assert.All(_store.All, a => Assert.True(a.ProbableScanningError));
        Assert.All(_store.All, a => Assert.Equal("GENUINE1", a.PackSerial));
        Assert.All(views, v => Assert.Equal(("low", true), (v.Severity, v.ProbableScanningError)));
        // The EU reason code of the underlying kind is kept for the record.
        Assert.Equal(["NMVS_NC_PC_02", "NMVS_FE_LOT_13"], _store.All.Select(a => a.ReasonCode));
    }

    [Fact]
    public async Task Every_finding_of_a_scan_is_its_own_alert_in_order()
    {
        var views = await Raise(null, UnknownSerial, new Finding(AlertKind.UnknownLot, "Lot FAKE1 was never registered for Paracetamol 500 mg."));

        Assert.Equal(["UnknownSerial", "UnknownLot"], views.Select(v => v.Kind));
        Assert.Equal(["critical", "critical"], views.Select(v => v.Severity));
        Assert.Equal(["NMVS_NC_PC_02", "NMVS_FE_LOT_03"], _store.All.Select(a => a.ReasonCode));
        Assert.Equal(2, _publisher.Published.OfType<AlertRaised>().Count());
    }

    [Fact]
    public async Task No_findings_raise_nothing()
    {
        var views = await _raiser.RaiseAsync(Subject, [], CancellationToken.None);

        Assert.Empty(views);
        Assert.Empty(_store.All);
        Assert.Empty(_publisher.Published);
    }
}
