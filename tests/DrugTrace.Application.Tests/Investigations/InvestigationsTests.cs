using DrugTrace.Application.Alerts;
using DrugTrace.Application.Audit;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Investigations;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Investigations;

/// <summary>Issue #15 point 3: quarantine, release and confirmation of suspect product, each a ledger event with its actor.</summary>
public class InvestigationsTests
{
    private readonly TestWorld _world = new();

    private InvestigationGuard Guard() => new(_world.Ledger, _world.Clock);

    private ValueTask<ScanOutcome> Quarantine(Party actor, string serial, string? reason = "Seal looks re-glued") =>
        new QuarantinePackHandler(_world.Handoffs(), Guard(), ContextFor(actor)).Handle(new QuarantinePack(actor.Gln, Code(serial), reason), default);

    private ValueTask<ScanOutcome> Release(Party actor, string serial) =>
        new ReleasePackHandler(_world.Handoffs(), Guard(), ContextFor(actor)).Handle(new ReleasePack(actor.Gln, Code(serial), "Seal checked with the maker"), default);

    private ValueTask<ScanOutcome> Confirm(Party actor, string serial) =>
        new ConfirmIllegitimateHandler(_world.Handoffs(), Guard(), ContextFor(actor)).Handle(new ConfirmIllegitimate(actor.Gln, Code(serial), "Counterfeit print"), default);

    private async Task<PackState> PackAsync(string serial) => (await _world.Ledger.FindPackAsync(Gtin, serial, default))!;

    private async Task<LedgerEvent> LastEventAsync(string serial) => (await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default))[^1].Event;

    [Fact]
    public async Task A_holder_quarantines_a_pack_with_a_reason_and_it_is_held()
    {
        var serial = await _world.PackAtAsync(Pharmacy);

        var outcome = await Quarantine(Pharmacy, serial);

        Assert.Equal((ScanOutcome.Ok, "Quarantined"), (outcome.Verdict.Name, outcome.Pack!.Status));
        var e = await LastEventAsync(serial);
        Assert.Equal((EventType.Quarantined, Pharmacy.Gln, "Seal looks re-glued"), (e.Type, e.Actor, e.Reason));
        Assert.Equal((PackStatus.Quarantined, PackStatus.Active), ((await PackAsync(serial)).Status, (await PackAsync(serial)).HeldFrom));

        // Its verification says so; it does not move.
        var verified = await _world.ScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.Verify));
        Assert.Equal(ScanOutcome.Warning, verified.Verdict);
        Assert.StartsWith("Quarantined since 2026-03-14: this pack is set aside as suspect product", verified.Message);
        Assert.Empty(verified.Alerts);
        var dispensed = await _world.ScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.Dispense));
        Assert.Equal(ScanOutcome.Refused, dispensed.Verdict);
        Assert.Equal(PackStatus.Quarantined, (await PackAsync(serial)).Status);
    }

    [Fact]
    public void A_quarantine_without_a_reason_is_a_bad_request()
    {
        var errors = new QuarantinePackValidator().Validate(new QuarantinePack(Pharmacy.Gln, "(01)x", "  ")).ToList();
        Assert.Equal([("reason", "Say why the pack is quarantined: what makes it suspect.")], errors);
        Assert.Empty(new QuarantinePackValidator().Validate(new QuarantinePack(Pharmacy.Gln, "(01)x", "Broken seal")));
    }

    [Theory]
    [InlineData("Broken seal \u202Edetcepsus", "a bidirectional text control (U+202E) at position 13")]
    [InlineData("Broken seal\nForged", "a line break (U+000A) at position 12")]
    [InlineData("Broken\0seal", "a NUL character (U+0000) at position 7")]
    public void Every_reason_and_note_of_an_investigation_is_one_printable_line(string text, string problem)
    {
        var quarantine = Assert.Single(new QuarantinePackValidator().Validate(new QuarantinePack(Pharmacy.Gln, "(01)x", text)));
        var release = Assert.Single(new ReleasePackValidator().Validate(new ReleasePack(Pharmacy.Gln, "(01)x", text)));
        var confirm = Assert.Single(new ConfirmIllegitimateValidator().Validate(new ConfirmIllegitimate(Pharmacy.Gln, "(01)x", text)));
        Assert.Equal(("reason", $"The reason contains {problem}; use plain text on one line."), quarantine);
        Assert.Equal(("reason", $"The note contains {problem}; use plain text on one line."), release);
        Assert.Equal(release, confirm);
        Assert.Empty(new ReleasePackValidator().Validate(new ReleasePack(Pharmacy.Gln, "(01)x", "Seal checked \U0001F44D")));
    }

    [Fact]
    public async Task An_uninvolved_party_can_neither_quarantine_nor_release_and_nothing_is_stored()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var log = _world.Ledger.Log.Count;

        var quarantine = await Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Quarantine(OtherPharmacy, serial));
        Assert.DoesNotContain("Corner", quarantine.Message);
        Assert.Equal("Only the holder of this pack, the party it is shipped to, or a regulator can quarantine it.", quarantine.Message);
        await Quarantine(Pharmacy, serial);
        var release = await Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Release(OtherPharmacy, serial));
        Assert.Equal("Only the party that quarantined this pack or a regulator can release it.", release.Message);
        var confirm = await Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Confirm(Wholesaler, serial));
        Assert.Equal("Only the party that quarantined this pack or a regulator can confirm it illegitimate.", confirm.Message);

        Assert.Equal(log + 1, _world.Ledger.Log.Count);
        Assert.Equal(PackStatus.Quarantined, (await PackAsync(serial)).Status);
        Assert.Empty(_world.Alerts.All);
    }

    [Fact]
    public async Task Release_by_the_quarantining_party_goes_back_to_the_previous_state()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        await _world.ScanAsync(Maker, Code(serial), new PackCommand(PackAction.Ship, Wholesaler.Gln));
        // The recipient sets the pack aside on arrival, before receiving it.
        await Quarantine(Wholesaler, serial);

        var released = await Release(Wholesaler, serial);

        Assert.Equal((ScanOutcome.Ok, "InTransit"), (released.Verdict.Name, released.Pack!.Status));
        var e = await LastEventAsync(serial);
        Assert.Equal((EventType.Released, Wholesaler.Gln), (e.Type, e.Actor));
        Assert.Equal((PackStatus.InTransit, Wholesaler.Gln, (PackStatus?)null), ((await PackAsync(serial)).Status, (await PackAsync(serial)).ShipTo, (await PackAsync(serial)).HeldFrom));
    }

    [Fact]
    public async Task A_regulator_may_release_a_pack_another_party_quarantined()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        await Quarantine(Pharmacy, serial);

        Assert.Equal("Active", (await Release(Regulator, serial)).Pack!.Status);
        Assert.Equal((EventType.Released, Regulator.Gln), ((await LastEventAsync(serial)).Type, (await LastEventAsync(serial)).Actor));
    }

    [Fact]
    public async Task Confirming_illegitimate_decommissions_and_alerts_regulators_and_the_brand_owner_with_a_24_hour_notification_due()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        await Quarantine(Pharmacy, serial);
        _world.Clock.Advance(TimeSpan.FromHours(3));

        var outcome = await Confirm(Pharmacy, serial);

        Assert.Equal((ScanOutcome.Ok, "Illegitimate"), (outcome.Verdict.Name, outcome.Pack!.Status));
        Assert.Equal([("ConfirmedIllegitimate", "critical")], outcome.Alerts.Select(a => (a.Kind, a.Severity)));
        var e = await LastEventAsync(serial);
        Assert.Equal((EventType.ConfirmedIllegitimate, Pharmacy.Gln, "Counterfeit print"), (e.Type, e.Actor, e.Reason));
        var alert = Assert.Single(_world.Alerts.All);
        Assert.Equal((AlertKind.ConfirmedIllegitimate, Severity.Critical, Maker.Gln, Pharmacy.Gln), (alert.Kind, alert.Severity, alert.BrandOwner, alert.ScanningParty));
        var dto = AlertDto.From(alert);
        Assert.Equal(alert.RaisedAt.AddHours(24), dto.NotificationDue);
        Assert.Equal("This pack was confirmed illegitimate on 2026-03-14 12:26 UTC after its quarantine (Counterfeit print). It is decommissioned for good; "
            + "notify the authorities and the trading partners by 2026-03-15 12:26 UTC.", alert.Message);
        Assert.Equal(PackStatus.Illegitimate, (await PackAsync(serial)).Status);

        // Other alerts carry no notification deadline.
        Assert.Null(AlertDto.From(alert with { Kind = AlertKind.CloneSuspected }).NotificationDue);
    }

    [Fact]
    public async Task The_audit_replays_quarantine_release_and_confirmation_without_violations()
    {
        var released = await _world.PackAtAsync(Pharmacy);
        await Quarantine(Pharmacy, released);
        await Release(Regulator, released);
        var confirmed = await _world.PackAtAsync(Wholesaler, lot: "LOT43");
        await new QuarantinePackHandler(_world.Handoffs(), Guard(), ContextFor(Wholesaler))
            .Handle(new QuarantinePack(Wholesaler.Gln, Code(confirmed, lot: "LOT43"), "Wrong font"), default);
        await new ConfirmIllegitimateHandler(_world.Handoffs(), Guard(), ContextFor(Regulator))
            .Handle(new ConfirmIllegitimate(Regulator.Gln, Code(confirmed, lot: "LOT43"), null), default);
        var alertsBefore = _world.Alerts.All.Count;

        var report = await new AuditLedgerHandler(_world.Ledger, _world.Catalog, _world.Parties, _world.AlertRaiser(), ContextFor(Regulator))
            .Handle(new AuditLedger(Regulator.Gln), default);

        Assert.True(report.IsValid, string.Join("; ", report.Violations.Select(v => v.Problem)));
        Assert.Equal(alertsBefore, _world.Alerts.All.Count);
    }

    [Fact]
    public void The_scan_endpoint_words_reach_the_investigation_use_cases()
    {
        Assert.Equal(new QuarantinePack("A", "C", "why"), ScanRequests.For("A", "C", "quarantine", null, "why"));
        Assert.Equal(new ReleasePack("A", "C", null), ScanRequests.For("A", "C", "release", null, null));
        Assert.Equal(new ConfirmIllegitimate("A", "C", "n"), ScanRequests.For("A", "C", "confirm-illegitimate", null, "n"));
    }
}

/// <summary>The investigations list: a party sees what it quarantined, a regulator every quarantined pack, each with its reason.</summary>
public class ListInvestigationsTests
{
    private readonly TestWorld _world = new();

    private ValueTask<IReadOnlyList<InvestigationView>> ListAsync(Party actor) =>
        new ListInvestigationsHandler(new InMemoryCustodyQueries(_world.Ledger), _world.Ledger, _world.Catalog, _world.Parties, ContextFor(actor))
            .Handle(new ListInvestigations(actor.Gln), default);

    [Fact]
    public async Task Each_party_sees_the_packs_it_quarantined_and_a_regulator_sees_all()
    {
        var atPharmacy = await _world.PackAtAsync(Pharmacy);
        var atWholesaler = await _world.PackAtAsync(Wholesaler, lot: "LOT43");
        await _world.ScanAsync(Pharmacy, Code(atPharmacy), new PackCommand(PackAction.Quarantine, Note: "Seal looks re-glued"));
        _world.Clock.Advance(TimeSpan.FromMinutes(5));
        await _world.ScanAsync(Wholesaler, Code(atWholesaler, "LOT43"), new PackCommand(PackAction.Quarantine, Note: "Returned opened"));

        var mine = Assert.Single(await ListAsync(Pharmacy));
        Assert.Equal((atPharmacy, "Seal looks re-glued", "Corner Pharmacy (4055555000018)", "active", "Paracetamol 500 mg"),
            (mine.Serial, mine.Reason, mine.QuarantinedBy, mine.HeldFrom, mine.ProductName));
        Assert.Equal(Code(atPharmacy), mine.Code);
        Assert.Equal([atWholesaler, atPharmacy], (await ListAsync(Regulator)).Select(i => i.Serial));
        Assert.Empty(await ListAsync(OtherPharmacy));

        // Released, it is no longer under investigation.
        await new ReleasePackHandler(_world.Handoffs(), new InvestigationGuard(_world.Ledger, _world.Clock), ContextFor(Pharmacy))
            .Handle(new ReleasePack(Pharmacy.Gln, mine.Code, "Checked with the maker"), default);
        Assert.Empty(await ListAsync(Pharmacy));
    }

    [Fact]
    public async Task A_pack_quarantined_in_transit_is_listed_as_held_from_in_transit()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        await _world.ScanAsync(Maker, Code(serial), new PackCommand(PackAction.Ship, Wholesaler.Gln));
        await _world.ScanAsync(Wholesaler, Code(serial), new PackCommand(PackAction.Quarantine, Note: "Outer seal torn"));

        var held = Assert.Single(await ListAsync(Wholesaler));

        Assert.Equal((serial, PackLifecycle.DescribeStatus(PackStatus.InTransit)), (held.Serial, held.HeldFrom));
        Assert.NotEqual(PackLifecycle.DescribeStatus(PackStatus.Active), held.HeldFrom);
    }
}
