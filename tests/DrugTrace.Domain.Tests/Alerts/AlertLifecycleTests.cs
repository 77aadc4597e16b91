using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Domain.Tests.Alerts;

public class AlertLifecycleTests
{
    private const string Regulator = "4000000000009";
    private static readonly DateTimeOffset Raised = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Raised.AddHours(2);

    private static readonly Alert Open = new()
    {
        Id = 7,
        Kind = AlertKind.UnknownSerial,
        Severity = Severity.Critical,
        Message = "Paracetamol 500 mg: serial X was never commissioned.",
        Action = PackAction.Dispense,
        ScannedCode = "(01)09506000134352(21)X",
        ScanningParty = "4055555000003",
        RaisedAt = Raised,
        LastSeenAt = Raised,
        Count = 3,
    };

    private static Alert Changed(Alert alert, AlertStatus status, AlertResolution? resolution = null, string? note = null)
    {
        var (changed, error) = AlertLifecycle.Change(alert, status, resolution, note, Regulator, Later);
        Assert.Null(error);
        return Assert.IsType<Alert>(changed);
    }

    private static string Refused(Alert alert, AlertStatus status, AlertResolution? resolution = null, string? note = null)
    {
        var (changed, error) = AlertLifecycle.Change(alert, status, resolution, note, Regulator, Later);
        Assert.Null(changed);
        return Assert.IsType<string>(error);
    }

    [Fact]
    public void Open_to_investigating_records_who_when_and_the_note_and_bumps_the_version()
    {
        var investigating = Changed(Open, AlertStatus.Investigating, note: "  calling the pharmacy  ");

        Assert.Equal(AlertStatus.Investigating, investigating.Status);
        Assert.Null(investigating.Resolution);
        Assert.Equal(1, investigating.Version);
        Assert.Equal([new AlertChange(Later, Regulator, AlertStatus.Investigating, null, "calling the pharmacy")], investigating.History);
        // Everything else is kept; the original is not touched.
        Assert.Equal((Open.Id, Open.Count, Open.Kind, Open.RaisedAt), (investigating.Id, investigating.Count, investigating.Kind, investigating.RaisedAt));
        Assert.Equal(AlertStatus.Open, Open.Status);
        Assert.Empty(Open.History);
    }

    [Fact]
    public void Investigating_to_closed_with_a_resolution()
    {
        var closed = Changed(Changed(Open, AlertStatus.Investigating), AlertStatus.Closed, AlertResolution.ScanningError);

        Assert.Equal(AlertStatus.Closed, closed.Status);
        Assert.Equal(AlertResolution.ScanningError, closed.Resolution);
        Assert.Equal(2, closed.Version);
        Assert.Equal([AlertStatus.Investigating, AlertStatus.Closed], closed.History.Select(h => h.Status));
        Assert.Equal(AlertResolution.ScanningError, closed.History[^1].Resolution);
        Assert.Null(closed.History[^1].Note);
    }

    [Theory]
    [InlineData(AlertResolution.FalsePositive)]
    [InlineData(AlertResolution.ScanningError)]
    [InlineData(AlertResolution.ConfirmedFalsified)]
    [InlineData(AlertResolution.Diversion)]
    [InlineData(AlertResolution.Other)]
    public void Open_can_be_closed_directly_with_any_resolution(AlertResolution resolution)
    {
        Assert.Equal(resolution, Changed(Open, AlertStatus.Closed, resolution).Resolution);
    }

    [Fact]
    public void Closing_needs_a_resolution()
    {
        Assert.Equal("Closing an alert needs a resolution: false-positive, scanning-error, confirmed-falsified, diversion or other.",
            Refused(Open, AlertStatus.Closed, note: "done"));
    }

    [Theory]
    [InlineData(AlertStatus.Open)]
    [InlineData(AlertStatus.Investigating)]
    public void A_resolution_is_only_for_closing(AlertStatus status)
    {
        Assert.Equal("A resolution is given only when the alert is closed.", Refused(Open, status, AlertResolution.FalsePositive));
    }

    [Fact]
    public void A_closed_alert_is_reopened_before_it_is_investigated_again()
    {
        var closed = Changed(Open, AlertStatus.Closed, AlertResolution.FalsePositive);

        Assert.Equal("A closed alert is reopened (status open) before it is investigated again.", Refused(closed, AlertStatus.Investigating));

        var reopened = Changed(closed, AlertStatus.Open, note: "seen again at another pharmacy");
        Assert.Equal(AlertStatus.Open, reopened.Status);
        Assert.Null(reopened.Resolution);
        Assert.Equal(AlertStatus.Investigating, Changed(reopened, AlertStatus.Investigating).Status);
    }

    [Fact]
    public void Nothing_to_change_is_refused()
    {
        const string nothing = "Nothing to change: give a new status, a resolution or a note.";
        Assert.Equal(nothing, Refused(Open, AlertStatus.Open));
        Assert.Equal(nothing, Refused(Open, AlertStatus.Open, note: "   "));
        var closed = Changed(Open, AlertStatus.Closed, AlertResolution.Diversion);
        Assert.Equal(nothing, Refused(closed, AlertStatus.Closed, AlertResolution.Diversion));
    }

    [Fact]
    public void A_note_alone_is_a_change_and_keeps_the_status_and_resolution()
    {
        var closed = Changed(Open, AlertStatus.Closed, AlertResolution.Diversion);

        var noted = Changed(closed, AlertStatus.Closed, AlertResolution.Diversion, "police informed");

        Assert.Equal((AlertStatus.Closed, AlertResolution.Diversion, 2), (noted.Status, noted.Resolution, noted.Version));
        Assert.Equal("police informed", noted.History[^1].Note);
    }

    [Fact]
    public void A_closed_alert_can_change_its_resolution()
    {
        var closed = Changed(Open, AlertStatus.Closed, AlertResolution.FalsePositive);

        Assert.Equal(AlertResolution.ConfirmedFalsified, Changed(closed, AlertStatus.Closed, AlertResolution.ConfirmedFalsified).Resolution);
    }

    [Fact]
    public void Notes_are_limited_to_2000_characters()
    {
        Assert.Equal(new string('n', 2000), Changed(Open, AlertStatus.Open, note: new string('n', 2000)).History[^1].Note);
        Assert.Equal("The note is longer than 2,000 characters.", Refused(Open, AlertStatus.Open, note: new string('n', 2001)));
        // Surrounding blanks do not count.
        Assert.NotNull(AlertLifecycle.Change(Open, AlertStatus.Open, null, $"  {new string('n', 2000)}  ", Regulator, Later).Alert);
    }

    [Fact]
    public void History_accumulates_in_order()
    {
        var alert = Changed(Changed(Changed(Open, AlertStatus.Investigating, note: "a"), AlertStatus.Investigating, note: "b"),
            AlertStatus.Closed, AlertResolution.Other, "c");

        Assert.Equal(["a", "b", "c"], alert.History.Select(h => h.Note));
        Assert.Equal(3, alert.Version);
    }
}
