using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Alerts;

/// <summary>The triage of PackHandoffs: a garbled scan of a genuine pack is a probable scanning error about that pack.</summary>
public class ScanningErrorTriageTests
{
    private const char GS = '\u001d';
    private static readonly PackCommand Verify = new(PackAction.Verify);
    private static readonly PackCommand Dispense = new(PackAction.Dispense);

    private readonly TestWorld _world = new();

    private Task Commission(params string[] serials) => CommissionIn("LOT42", serials);

    private Task CommissionIn(string lot, params string[] serials) =>
        _world.CommissionAsync(lot, serials.Length, serials: new QueueSerialGenerator(serials));

    private static string InvertCase(string text) =>
        new([.. text.Select(c => char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c) : c)]);

    /// <summary>The element string a scanner sends: ]d2, fixed fields, GS after the lot.</summary>
    private static string ElementString(string serial, string lot = "LOT42") => $"]d20109506000134352172712311" + $"0{lot}{GS}21{serial}";

    [Fact]
    public async Task A_Caps_Lock_scan_of_a_genuine_serial_is_one_low_scanning_error_about_that_pack()
    {
        await Commission("AbC123");

        var outcome = await _world.ScanAsync(Pharmacy, Code("aBc123", lot: "lot42"), Verify);

        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        var view = Assert.Single(outcome.Alerts);
        Assert.Equal(("UnknownSerial", "low", true), (view.Kind, view.Severity, view.ProbableScanningError));
        Assert.StartsWith("Probable scanning error: the letters arrived in the wrong case (is Caps Lock on?).", outcome.Message);
        Assert.Contains("genuine pack AbC123 of Paracetamol 500 mg (lot LOT42)", outcome.Message);
        Assert.Equal(("AbC123", "LOT42"), (outcome.Pack?.Serial, outcome.Pack?.Lot));

        var alert = Assert.Single(_world.Alerts.All);
        Assert.True(alert.ProbableScanningError);
        Assert.Equal(Severity.Low, alert.Severity);
        Assert.Equal(AlertKind.UnknownSerial, alert.Kind);
        Assert.Equal((Gtin, "AbC123"), (alert.PackGtin, alert.PackSerial));
        Assert.Equal(("aBc123", "lot42"), (alert.ScannedSerial, alert.ScannedLot));
        Assert.Equal(Code("aBc123", lot: "lot42"), alert.ScannedCode);
        Assert.Equal((Pharmacy.Gln, Maker.Gln), (alert.ScanningParty, alert.BrandOwner));
    }

    [Fact]
    public async Task A_scanning_error_on_a_handoff_changes_nothing()
    {
        await Commission("AbC123");
        var logBefore = _world.Ledger.Log.Count;

        var outcome = await _world.ScanAsync(Maker, Code("aBc123", lot: "lot42"), new PackCommand(PackAction.Ship, Wholesaler.Gln));

        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        Assert.Null(outcome.Event);
        Assert.Equal(logBefore, _world.Ledger.Log.Count);
        Assert.Equal("Active", outcome.Pack?.Status);
    }

    [Fact]
    public async Task Repeated_garbled_scans_of_one_pack_are_one_alert()
    {
        await Commission("AbC123");

        await _world.ScanAsync(Pharmacy, Code("aBc123", lot: "lot42"), Verify);
        await _world.ScanAsync(Pharmacy, InvertCase(ElementString("AbC123")), Verify);
        await _world.ScanAsync(Pharmacy, Code("aBc123", lot: "lot42"), Verify);

        var alert = Assert.Single(_world.Alerts.All);
        Assert.Equal(3, alert.Count);
    }

    [Fact]
    public async Task A_Caps_Lock_lot_of_a_genuine_pack_is_a_scanning_error_not_a_lot_mismatch_alarm()
    {
        // The serial has no letters, so only the lot arrived in the wrong case.
        await Commission("123456");

        var outcome = await _world.ScanAsync(Pharmacy, Code("123456", lot: "lot42"), Dispense);

        var view = Assert.Single(outcome.Alerts);
        Assert.Equal(("LotMismatch", "low", true), (view.Kind, view.Severity, view.ProbableScanningError));
        var alert = Assert.Single(_world.Alerts.All);
        Assert.Equal("123456", alert.PackSerial);
        Assert.Equal(1, _world.Ledger.Log.Count(e => e.Event.Key == "123456"));
    }

    [Fact]
    public async Task A_relabelled_pack_after_a_scanning_error_on_it_is_not_folded_into_the_scanning_error()
    {
        await Commission("123456");
        await _world.ScanAsync(Pharmacy, Code("123456", lot: "lot42"), Dispense);

        // Minutes later the same pharmacy scans a label of the same serial with a lot that no scanner garbling explains.
        _world.Clock.Advance(TimeSpan.FromMinutes(5));
        var outcome = await _world.ScanAsync(Pharmacy, Code("123456", lot: "LOT99"), Dispense);

        var view = Assert.Single(outcome.Alerts);
        Assert.Equal(("LotMismatch", "critical", false, 1), (view.Kind, view.Severity, view.ProbableScanningError, view.Count));
        Assert.Equal([(Severity.Low, 1), (Severity.Critical, 1)], _world.Alerts.All.Select(a => (a.Severity, a.Count)));
        Assert.Equal(2, _world.Publisher.Published.OfType<DrugTrace.Application.Alerts.AlertRaised>().Count());
    }

    [Fact]
    public async Task Two_genuine_candidates_are_no_guess_but_a_plain_unknown_serial()
    {
        // "Ab1Z" could be Caps Lock of "aB1z" or a QWERTZ swap of "Ab1Y": both exist (in a lot without letters).
        await CommissionIn("4242", "aB1z", "Ab1Y");

        var outcome = await _world.ScanAsync(Pharmacy, Code("Ab1Z", lot: "4242"), Verify);

        var view = Assert.Single(outcome.Alerts);
        Assert.Equal(("UnknownSerial", "critical", false), (view.Kind, view.Severity, view.ProbableScanningError));
        var alert = Assert.Single(_world.Alerts.All);
        Assert.False(alert.ProbableScanningError);
        Assert.Equal(Severity.Critical, alert.Severity);
        Assert.Equal("Ab1Z", alert.PackSerial);
        Assert.Null(outcome.Pack);
    }

    [Fact]
    public async Task One_genuine_candidate_among_fakes_is_still_a_guess()
    {
        // Only the Caps Lock reading exists; the QWERTZ reading "Ab1Y" is not a pack.
        await CommissionIn("4242", "aB1z");

        var outcome = await _world.ScanAsync(Pharmacy, Code("Ab1Z", lot: "4242"), Verify);

        Assert.True(Assert.Single(outcome.Alerts).ProbableScanningError);
        Assert.Equal("aB1z", Assert.Single(_world.Alerts.All).PackSerial);
    }

    [Fact]
    public async Task A_correction_labelled_with_the_wrong_lot_is_not_genuine_so_no_guess()
    {
        await Commission("AbC123");

        // Caps Lock reading is AbC123 with lot LOT99: not the pack as labelled.
        var outcome = await _world.ScanAsync(Pharmacy, Code("aBc123", lot: "lot99"), Verify);

        var view = Assert.Single(outcome.Alerts, a => a.Kind == "UnknownSerial");
        Assert.False(view.ProbableScanningError);
        Assert.Equal("critical", view.Severity);
    }

    [Fact]
    public async Task An_unreadable_code_with_a_lost_separator_is_a_scanning_error_about_the_genuine_pack()
    {
        await Commission("SN77");
        var garbled = ElementString("SN77").Replace(GS.ToString(), "");

        var outcome = await _world.ScanAsync(Pharmacy, garbled, Verify);

        Assert.Equal(ScanOutcome.Alert, outcome.Verdict);
        var view = Assert.Single(outcome.Alerts);
        Assert.Equal(("UnknownSerial", "low", true), (view.Kind, view.Severity, view.ProbableScanningError));
        Assert.Contains("dropped the GS1 separator", outcome.Message);
        var alert = Assert.Single(_world.Alerts.All);
        Assert.Equal((Gtin, "SN77"), (alert.PackGtin, alert.PackSerial));
        Assert.Equal(garbled, alert.ScannedCode);
        Assert.Null(alert.ScannedSerial); // it could not be read as it was
        var logged = Assert.Single(_world.ScanLog.Scans);
        Assert.Equal((garbled, ScanOutcome.Alert, "UnknownSerial"), (logged.Code, logged.Verdict, logged.Alerts));
    }

    [Fact]
    public async Task An_unreadable_code_with_a_replaced_separator_is_a_scanning_error()
    {
        await Commission("SN77");

        var outcome = await _world.ScanAsync(Pharmacy, ElementString("SN77").Replace(GS, '@'), Verify);

        Assert.True(Assert.Single(outcome.Alerts).ProbableScanningError);
        Assert.Contains("sent another character for the GS1 separator", outcome.Message);
    }

    [Fact]
    public async Task An_unreadable_code_without_a_genuine_correction_is_a_ValidationException()
    {
        await Commission("SN77");
        var garbled = ElementString("SN78").Replace(GS.ToString(), "");

        var ex = await Assert.ThrowsAsync<ValidationException>(() => _world.ScanAsync(Pharmacy, garbled, Verify).AsTask());

        Assert.Equal(["The code has no serial number (21): it identifies a product, not a pack."], ex.Errors["code"]);
        Assert.Empty(_world.Alerts.All);
        Assert.Empty(_world.Publisher.Published);
    }

    [Fact]
    public async Task A_plain_unknown_serial_with_no_genuine_correction_stays_critical()
    {
        await Commission("AbC123");

        var outcome = await _world.ScanAsync(Pharmacy, Code("XYZ999"), Verify);

        var alert = Assert.Single(_world.Alerts.All);
        Assert.Equal((AlertKind.UnknownSerial, Severity.Critical, false), (alert.Kind, alert.Severity, alert.ProbableScanningError));
        Assert.Equal("critical", Assert.Single(outcome.Alerts).Severity);
    }
}
