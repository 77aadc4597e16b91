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
        new AuditLedgerHandler(_world.Ledger, _world.Catalog, _world.AlertRaiser(), ContextFor(Regulator))
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
        var violation = Assert.Single(report.Violations);
        Assert.Equal((StreamKind.Pack, Gtin, serial, 1), (violation.Stream, violation.Gtin, violation.Key, violation.Seq));

        var alert = Assert.Single(_world.Alerts.All);
        Assert.Equal(AlertKind.IntegrityViolation, alert.Kind);
        Assert.Equal(Severity.Critical, alert.Severity);
        Assert.Equal((Gtin, serial), (alert.PackGtin, alert.PackSerial));
        Assert.Equal(Maker.Gln, alert.BrandOwner);
        Assert.Contains($"seq 1", alert.Message);
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
