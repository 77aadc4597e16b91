using DrugTrace.Application.Audit;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Transparency;
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

    private ValueTask<AuditReport> AuditAsync(CheckpointAudit checkpoints) =>
        new AuditLedgerHandler(_world.Ledger, _world.Catalog, _world.Parties, _world.AlertRaiser(), ContextFor(Regulator), checkpoints)
            .Handle(new AuditLedger(Regulator.Gln), CancellationToken.None);

    [Fact]
    public async Task Each_broken_chain_is_one_alert_named_by_its_stream_gtin_and_key()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        _world.Ledger.Tamper(StreamKind.Pack, Gtin, serial, 1, e => e with { Reason = "edited" });
        _world.Ledger.Tamper(StreamKind.Lot, Gtin, "LOT42", 0, e => e with { Reason = "edited" });

        var report = await AuditAsync();

        Assert.Equal([$"audit:lot/{Gtin}/LOT42", $"audit:pack/{Gtin}/{serial}"], _world.Alerts.All.Select(a => a.ScannedCode).Order(StringComparer.Ordinal));
        Assert.All(_world.Alerts.All, a => Assert.Equal((AlertAction.Audit, Regulator.Gln, Maker.Gln, Gtin), (a.Action, a.ScanningParty, a.BrandOwner, a.PackGtin)));
        Assert.Null(report.CheckpointSize);
        Assert.Empty(report.LogProblems);
    }

    [Fact]
    public async Task A_log_that_does_not_match_its_signed_checkpoint_is_a_log_problem_and_one_alert()
    {
        await _world.PackAtAsync(Pharmacy);
        var signer = NoteSigner.Generate("drugtrace.test/log");
        var store = new InMemoryCheckpointStore();
        var root = Rfc6962.LeafHash(Hash256.FromBytes(new byte[32]));
        await store.AddAsync(new StoredCheckpoint(999, root, Start, SignedNote.Sign(new Checkpoint("drugtrace.test/log", 999, root).Text, signer).ToString()), default);

        var report = await AuditAsync(new CheckpointAudit(store, signer));

        Assert.Equal(999, report.CheckpointSize);
        Assert.Empty(report.Violations);
        Assert.NotEmpty(report.LogProblems);
        Assert.False(report.IsValid);
        var alert = Assert.Single(_world.Alerts.All);
        Assert.Equal(("audit:log", AlertKind.IntegrityViolation, (string?)null), (alert.ScannedCode, alert.Kind, alert.PackGtin));
        Assert.Equal($"The transparency log was altered: {report.LogProblems[0]}.", alert.Message);
        Assert.Equal((Severity.Critical, false), (alert.Severity, alert.ProbableScanningError));
    }

    [Fact]
    public async Task An_edited_checkpoint_row_is_named_first_and_the_log_is_then_held_to_nothing()
    {
        await _world.PackAtAsync(Pharmacy);
        var signer = NoteSigner.Generate("drugtrace.test/log");
        var store = new InMemoryCheckpointStore();
        await store.AddAsync(new StoredCheckpoint(7, Rfc6962.EmptyRoot, Start, "not a note"), default);

        var report = await AuditAsync(new CheckpointAudit(store, signer));

        Assert.Null(report.CheckpointSize);
        Assert.StartsWith("the stored checkpoint of size 7 is not a signed note (", Assert.Single(report.LogProblems));
        Assert.StartsWith("The transparency log was altered: the stored checkpoint of size 7", Assert.Single(_world.Alerts.All).Message);

        // No checkpoint at all: nothing to hold the log to, nothing wrong.
        var clean = await AuditAsync(new CheckpointAudit(new InMemoryCheckpointStore(), signer));
        Assert.True(clean.IsValid);
        Assert.Null(clean.CheckpointSize);
    }
}
