using DrugTrace.Application.Audit;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Audit;

public class AuditLedgerTests
{
    private readonly TestWorld _world = new();

    private ValueTask<AuditReport> AuditAsync() =>
        new AuditLedgerHandler(_world.Ledger, _world.Catalog, _world.Parties, _world.AlertRaiser(), ContextFor(Regulator))
            .Handle(new AuditLedger(Regulator.Gln), CancellationToken.None);

    [Fact]
    public async Task A_ledger_built_by_the_handlers_is_valid()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        await _world.CommissionAsync("LOT43", 4);
        await _world.ScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.Dispense));

        var report = await AuditAsync();

        Assert.True(report.IsValid);
        Assert.Empty(_world.Alerts.All);
        // 2 lots; packs: 1 + 4; events: 2 lot + 5 + 1 for the first pack, 4 commissionings.
        Assert.Equal(5, report.Packs);
        Assert.Equal(12, report.Events);
    }

    [Fact]
    public async Task An_edited_event_is_reported_by_pack_and_seq()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        _world.Ledger.Tamper(StreamKind.Pack, Gtin, serial, 1, e => e with { To = OtherWholesaler.Gln });

        var report = await AuditAsync();

        Assert.False(report.IsValid);
        // The altered seq 1, and the replay finding that seq 2 (received by the wholesaler it was not shipped to) is impossible.
        Assert.All(report.Violations, v => Assert.Equal((StreamKind.Pack, Gtin, serial), (v.Stream, v.Gtin, v.Key)));
        Assert.Contains(report.Violations, v => v.Seq == 1 && v.Problem.Contains("altered"));
        Assert.Contains(report.Violations, v => v.Seq == 2 && v.Problem.Contains("not a legal transition"));

        var alert = Assert.Single(_world.Alerts.All);
        Assert.Equal(AlertKind.IntegrityViolation, alert.Kind);
        Assert.Equal(Severity.Critical, alert.Severity);
        Assert.Equal((Gtin, serial), (alert.PackGtin, alert.PackSerial));
        Assert.Equal(Maker.Gln, alert.BrandOwner);
        Assert.Contains($"seq 1", alert.Message);
    }

    [Fact]
    public async Task A_dispensed_pack_set_back_to_active_in_its_state_row_is_named_by_field()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        await _world.ScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.Dispense));
        _world.Ledger.TamperState(Gtin, serial, p => p with { Status = PackStatus.Active });

        var report = await AuditAsync();

        Assert.False(report.IsValid);
        var violation = Assert.Single(report.Violations);
        Assert.Equal((Gtin, serial, 5), (violation.Gtin, violation.Key, violation.Seq));
        Assert.StartsWith("field status: the chain says Dispensed, the stored state says Active", violation.Problem);
    }

    [Fact]
    public async Task A_pack_moved_to_another_custodian_in_its_state_row_is_named_by_field()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        _world.Ledger.TamperState(Gtin, serial, p => p with { Custodian = OtherPharmacy.Gln });

        var violation = Assert.Single((await AuditAsync()).Violations);

        Assert.StartsWith("field custodian", violation.Problem);
        Assert.Contains(OtherPharmacy.Gln, violation.Problem);
    }

    [Fact]
    public async Task A_second_audit_of_the_same_damage_counts_the_alert_up_instead_of_adding_one()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        _world.Ledger.Tamper(StreamKind.Pack, Gtin, serial, 1, e => e with { Reason = "edited" });

        await AuditAsync();
        await AuditAsync();

        Assert.Equal(2, Assert.Single(_world.Alerts.All).Count);
    }
}
