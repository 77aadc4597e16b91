using DrugTrace.Application.Audit;
using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Shipping;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Cases;

/// <summary>Issue #15 point 4: packing cases and pallets, moving them with one scan of the SSCC, unpacking; all or none.</summary>
public class CaseUseCasesTests
{
    private readonly TestWorld _world = new();

    private ValueTask<CaseView> PackAsync(Party actor, IReadOnlyList<string> codes, string? sscc = null) =>
        _world.PackCase(actor)
            .Handle(new PackCase(actor.Gln, codes, sscc), default);

    private ValueTask<CaseView> UnpackAsync(Party actor, string sscc) =>
        new UnpackCaseHandler(_world.Ledger, _world.CaseReader(), ContextFor(actor), _world.Clock).Handle(new UnpackCase(actor.Gln, sscc), default);

    private ValueTask<CaseView> GetAsync(Party actor, string sscc) =>
        new GetCaseHandler(_world.CaseReader(), ContextFor(actor)).Handle(new GetCase(actor.Gln, sscc), default);

    private ValueTask<ScanOutcome> ShipAsync(Party actor, string code, string to) =>
        new ShipPackHandler(_world.Handoffs(), _world.CaseMoves(), ContextFor(actor), _world.Clock).Handle(new ShipPack(actor.Gln, code, to), default);

    private ValueTask<ScanOutcome> ReceiveAsync(Party actor, string code) =>
        new ReceivePackHandler(_world.Handoffs(), _world.CaseMoves(), ContextFor(actor), _world.Clock).Handle(new ReceivePack(actor.Gln, code), default);

    private async Task<string[]> PacksAtAsync(Party holder, int n)
    {
        var serials = new string[n];
        for (var i = 0; i < n; i++) serials[i] = await _world.PackAtAsync(holder, lot: $"L{i}");
        return serials;
    }

    private static string CodeOf(string serial, int i) => Code(serial, lot: $"L{i}");

    private static string[] Codes(string[] serials) => [.. serials.Select(CodeOf)];

    private async Task<PackState> PackStateAsync(string serial) => (await _world.Ledger.FindPackAsync(Gtin, serial, default))!;

    private async Task<AuditReport> AuditAsync() =>
        await new AuditLedgerHandler(_world.Ledger, _world.Catalog, _world.Parties, _world.AlertRaiser(), ContextFor(Regulator))
            .Handle(new AuditLedger(Regulator.Gln), default);

    [Fact]
    public async Task A_wholesaler_packs_its_packs_under_an_sscc_made_from_its_prefix()
    {
        var serials = await PacksAtAsync(Wholesaler, 3);
        var log = _world.Ledger.Log.Count;

        var packed = await PackAsync(Wholesaler, Codes(serials));

        Assert.True(Sscc.TryParse(packed.Sscc, out _, out var error), error);
        Assert.StartsWith("0" + Wholesaler.Gln[..7], packed.Sscc);
        Assert.Equal((3, "Active", Wholesaler.Gln, Wholesaler.Gln), (packed.PackCount, packed.Status, packed.Custodian, packed.PackedBy));
        Assert.Equal(serials.Order(StringComparer.Ordinal), packed.Packs.Select(p => p.Serial));
        Assert.Equal(log + 4, _world.Ledger.Log.Count);
        foreach (var serial in serials) Assert.Equal(packed.Sscc, (await PackStateAsync(serial)).Parent);
        Assert.Equal(EventType.CasePacked, (await _world.Ledger.GetChainAsync(StreamKind.Case, "", packed.Sscc, default))[0].Event.Type);
        Assert.True((await AuditAsync()).IsValid);
    }

    [Fact]
    public async Task A_given_sscc_is_used_once_and_only_under_the_packers_prefix()
    {
        var serials = await PacksAtAsync(Wholesaler, 2);
        var own = Sscc.Create(1, Wholesaler.Gln[..7], 77).Value;

        Assert.Equal(own, (await PackAsync(Wholesaler, [CodeOf(serials[0], 0)], own)).Sscc);
        await Assert.ThrowsAsync<ConflictException>(async () => await PackAsync(Wholesaler, [CodeOf(serials[1], 1)], own));
        var foreign = await Assert.ThrowsAsync<ValidationException>(async () => await PackAsync(Wholesaler, [CodeOf(serials[1], 1)], Sscc.Create(0, "0614141", 5).Value));
        Assert.Contains("is not under your GS1 company prefix", foreign.Message);
        Assert.Null((await PackStateAsync(serials[1])).Parent);
    }

    [Fact]
    public async Task Bad_input_is_refused_and_nothing_is_stored()
    {
        var mine = await PacksAtAsync(Wholesaler, 2);
        var theirs = await _world.PackAtAsync(OtherWholesaler, lot: "T1");
        await PackAsync(Wholesaler, [CodeOf(mine[0], 0)]);
        var log = _world.Ledger.Log.Count;

        var foreign = await Assert.ThrowsAsync<ForbiddenAccessException>(async () => await PackAsync(Wholesaler, [CodeOf(mine[1], 1), Code(theirs, "T1")]));
        Assert.Equal($"Pack {Gtin}/{theirs} is not in your stock; nothing was packed.", foreign.Message);
        var twice = await Assert.ThrowsAsync<ConflictException>(async () => await PackAsync(Wholesaler, [CodeOf(mine[0], 0)]));
        Assert.Contains("already packed in case", twice.Message);
        var repeated = await Assert.ThrowsAsync<ValidationException>(async () => await PackAsync(Wholesaler, [CodeOf(mine[1], 1), CodeOf(mine[1], 1)]));
        Assert.Equal(["codes[1]"], repeated.Errors.Keys);
        await Assert.ThrowsAsync<NotFoundException>(async () => await PackAsync(Wholesaler, [Code("NEVERMADE", "L1")]));
        await Assert.ThrowsAsync<ValidationException>(async () => await PackAsync(Wholesaler, ["(00)306141411234567893"]));
        Assert.Equal([("sscc", "SSCC 306141411234567893 has a wrong check digit (expected 1).")],
            new PackCaseValidator().Validate(new PackCase(Wholesaler.Gln, ["x"], "306141411234567893")).ToList());
        Assert.Contains(new PackCaseValidator().Validate(new PackCase(Wholesaler.Gln, [], null)), e => e.Field == "codes");

        Assert.Equal(log, _world.Ledger.Log.Count);
        Assert.Null((await PackStateAsync(mine[1])).Parent);
    }

    [Fact]
    public async Task Scanning_a_pallet_ships_and_receives_every_pack_inside_in_one_go()
    {
        var serials = await PacksAtAsync(Wholesaler, 4);
        var case1 = await PackAsync(Wholesaler, Codes(serials[..2]).ToList());
        var case2 = await PackAsync(Wholesaler, [CodeOf(serials[2], 2)]);
        var pallet = await PackAsync(Wholesaler, [$"(00){case1.Sscc}", $"00{case2.Sscc}", CodeOf(serials[3], 3)]);
        Assert.Equal((4, 2), (pallet.PackCount, pallet.Cases.Count));

        var alone = await ShipAsync(Wholesaler, CodeOf(serials[0], 0), Pharmacy.Gln);
        Assert.Equal(ScanOutcome.Refused, alone.Verdict);
        Assert.Contains("packed in case", alone.Message);

        var log = _world.Ledger.Log.Count;
        var shipped = await ShipAsync(Wholesaler, $"(00){pallet.Sscc}", Pharmacy.Gln);
        Assert.Equal(ScanOutcome.Ok, shipped.Verdict);
        Assert.Equal(new CaseSummary(pallet.Sscc, 4, 2), shipped.Case);
        Assert.StartsWith($"Shipped to Corner Pharmacy ({Pharmacy.Gln}): case (00) {pallet.Sscc} with 4 packs in 2 cases.", shipped.Message);
        // Three cases and four packs: one event each, in one batch.
        Assert.Equal(log + 7, _world.Ledger.Log.Count);
        foreach (var serial in serials) Assert.Equal((PackStatus.InTransit, Pharmacy.Gln), ((await PackStateAsync(serial)).Status, (await PackStateAsync(serial)).ShipTo));

        // A party the pallet was not sent to cannot receive it, and that is a sign of diversion, as for each
        // pack alone: a custody alert per pack, nothing moved, and the pallet's contents not described to it.
        var before = _world.Ledger.Log.Count;
        var diverted = await ReceiveAsync(OtherPharmacy, $"https://id.example.org/00/{pallet.Sscc}");
        Assert.Equal(ScanOutcome.Alert, diverted.Verdict);
        Assert.Equal("This case was not shipped to you.", diverted.Message);
        Assert.Null(diverted.Case);
        Assert.Equal(4, diverted.Alerts.Count);
        Assert.All(diverted.Alerts, a => Assert.Equal(nameof(AlertKind.CustodyMismatch), a.Kind));
        Assert.Equal(serials.Order(), _world.Alerts.All.Where(a => a.ScanningParty == OtherPharmacy.Gln).Select(a => a.PackSerial!).Order());
        Assert.Equal(before, _world.Ledger.Log.Count);
        // An SSCC nobody made is still answered as unknown.
        await Assert.ThrowsAsync<NotFoundException>(async () => await ReceiveAsync(OtherPharmacy, "(00)340123450000000017"));
        var received = await ReceiveAsync(Pharmacy, $"https://id.example.org/00/{pallet.Sscc}");
        Assert.Equal(ScanOutcome.Ok, received.Verdict);
        foreach (var serial in serials)
        {
            var pack = await PackStateAsync(serial);
            Assert.Equal((PackStatus.Active, Pharmacy.Gln), (pack.Status, pack.Custodian));
            Assert.NotNull(pack.Parent);
        }
        var audit = await AuditAsync();
        Assert.True(audit.IsValid, string.Join("; ", audit.Violations.Select(v => v.Problem)));
        Assert.Equal(pallet.Sscc, (await GetAsync(Pharmacy, pallet.Sscc)).Sscc);
    }

    [Fact]
    public async Task One_recalled_pack_keeps_the_whole_case_home_and_raises_its_alert()
    {
        var serials = await PacksAtAsync(Wholesaler, 2);
        var packed = await PackAsync(Wholesaler, Codes(serials));
        var lot = _world.Catalog.Lots[(Gtin, "L1")];
        _world.Catalog.Lots[(Gtin, "L1")] = lot with { RecalledAt = Start, RecallReason = "Contamination" };
        var log = _world.Ledger.Log.Count;

        var shipped = await ShipAsync(Wholesaler, $"(00){packed.Sscc}", Pharmacy.Gln);

        Assert.Equal(ScanOutcome.Alert, shipped.Verdict);
        Assert.StartsWith($"Nothing was shipped: pack {Gtin}/{serials[1]} cannot be shipped", shipped.Message);
        Assert.Equal(nameof(AlertKind.Recalled), Assert.Single(shipped.Alerts).Kind);
        Assert.Equal(log, _world.Ledger.Log.Count);
        Assert.All(serials, s => Assert.Equal(PackStatus.Active, PackStateAsync(s).Result.Status));
    }

    [Fact]
    public async Task Unpacking_an_unknown_or_foreign_sscc_is_a_404_and_the_holder_unpacks()
    {
        var serials = await PacksAtAsync(Wholesaler, 2);
        var packed = await PackAsync(Wholesaler, Codes(serials));

        await Assert.ThrowsAsync<NotFoundException>(async () => await UnpackAsync(Wholesaler, Sscc.Create(0, Wholesaler.Gln[..7], 99).Value));
        await Assert.ThrowsAsync<NotFoundException>(async () => await UnpackAsync(OtherWholesaler, packed.Sscc));
        await Assert.ThrowsAsync<NotFoundException>(async () => await GetAsync(OtherWholesaler, packed.Sscc));
        await Assert.ThrowsAsync<ValidationException>(async () => await UnpackAsync(Wholesaler, "306141411234567893"));
        Assert.Equal(packed.Sscc, (await GetAsync(Regulator, packed.Sscc)).Sscc);

        var opened = await UnpackAsync(Wholesaler, packed.Sscc);

        Assert.Equal(("Unpacked", 2), (opened.Status, opened.PackCount));
        Assert.All(serials, s => Assert.Null(PackStateAsync(s).Result.Parent));
        var again = await Assert.ThrowsAsync<ConflictException>(async () => await UnpackAsync(Wholesaler, packed.Sscc));
        Assert.Contains("was unpacked", again.Message);
        var shipped = await ShipAsync(Wholesaler, CodeOf(serials[0], 0), Pharmacy.Gln);
        Assert.Equal(ScanOutcome.Ok, shipped.Verdict);
        Assert.True((await AuditAsync()).IsValid);
    }

    [Fact]
    public async Task The_audit_finds_a_case_row_edited_behind_the_ledgers_back()
    {
        var serials = await PacksAtAsync(Wholesaler, 1);
        var packed = await PackAsync(Wholesaler, Codes(serials));
        _world.Ledger.TamperCase(packed.Sscc, c => c with { Custodian = Pharmacy.Gln });

        var audit = await AuditAsync();

        Assert.Contains(audit.Violations, v => v.Stream == StreamKind.Case && v.Problem.StartsWith("field custodian: the chain says", StringComparison.Ordinal));
        Assert.Contains(audit.Violations, v => v.Stream == StreamKind.Pack && v.Key == serials[0] && v.Problem.Contains("field custodian", StringComparison.Ordinal));
    }

    [Fact]
    public void Packing_is_for_those_who_ship_and_every_trading_party_unpacks()
    {
        Assert.Equal([PartyRole.Manufacturer, PartyRole.Wholesaler], RoleMatrix.For(typeof(PackCase))!.Roles.Order());
        Assert.DoesNotContain(PartyRole.Regulator, RoleMatrix.For(typeof(UnpackCase))!.Roles);
        Assert.Contains(PartyRole.Pharmacy, RoleMatrix.For(typeof(UnpackCase))!.Roles);
        Assert.Equal(Enum.GetValues<PartyRole>().Length, RoleMatrix.For(typeof(GetCase))!.Roles.Count);
    }

    [Fact]
    public async Task A_case_scanned_for_anything_but_ship_or_receive_is_a_bad_request()
    {
        var serials = await PacksAtAsync(Wholesaler, 1);
        var packed = await PackAsync(Wholesaler, Codes(serials));
        var error = await Assert.ThrowsAsync<ValidationException>(async () =>
            await _world.CaseMoves().MoveAsync(Wholesaler, $"(00){packed.Sscc}", Sscc.Parse(packed.Sscc), PackAction.Dispense, null, null, default));
        Assert.Contains("Unpack it to dispense its packs", error.Message);
        Assert.True(CaseCodes.TryRead($"]C100{packed.Sscc}", new DateOnly(2026, 3, 14), out var read));
        Assert.Equal(packed.Sscc, read.Value);
        Assert.False(CaseCodes.TryRead(CodeOf(serials[0], 0), new DateOnly(2026, 3, 14), out _));
    }

    [Fact]
    public async Task A_malformed_sscc_is_refused_on_the_field_sscc_by_packing_unpacking_and_reading()
    {
        var serial = (await PacksAtAsync(Wholesaler, 1))[0];
        const string bad = "306141411234567890"; // wrong check digit

        var packing = await Assert.ThrowsAsync<ValidationException>(async () => await PackAsync(Wholesaler, [CodeOf(serial, 0)], bad));
        var unpacking = await Assert.ThrowsAsync<ValidationException>(async () => await UnpackAsync(Wholesaler, bad));
        var reading = await Assert.ThrowsAsync<ValidationException>(async () => await GetAsync(Wholesaler, bad));

        Assert.All(new[] { packing, unpacking, reading }, e => Assert.Equal(["sscc"], e.Errors.Keys));
    }
}
