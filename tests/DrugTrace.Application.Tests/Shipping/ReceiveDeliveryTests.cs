using DrugTrace.Application.Cases;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Shipping;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Shipping;

public class ReceiveDeliveryTests
{
    private readonly TestWorld _world = new();

    private ValueTask<DeliveryReceipt> ReceiveAsync(params string[] codes) =>
        new ReceiveDeliveryHandler(_world.Handoffs(), _world.CaseMoves(), ContextFor(Pharmacy), _world.Clock)
            .Handle(new ReceiveDelivery(Pharmacy.Gln, codes), CancellationToken.None);

    [Fact]
    public async Task A_delivery_of_a_pallet_and_loose_packs_receives_everything_the_pallet_holds()
    {
        var inPallet = new[] { await _world.PackAtAsync(Wholesaler, "L1"), await _world.PackAtAsync(Wholesaler, "L2") };
        var loose = await _world.PackAtAsync(Wholesaler, "L3");
        var pallet = await _world.PackCase(Wholesaler)
            .Handle(new PackCase(Wholesaler.Gln, [Code(inPallet[0], "L1"), Code(inPallet[1], "L2")], null), default);
        await _world.CaseMoves().MoveAsync(Wholesaler, $"(00){pallet.Sscc}", CaseCodes.Read("sscc", pallet.Sscc), PackAction.Ship, Pharmacy.Gln, null, default);
        await _world.ScanAsync(Wholesaler, Code(loose, "L3"), new PackCommand(PackAction.Ship, Pharmacy.Gln));

        var receipt = await ReceiveAsync($"(00){pallet.Sscc}", Code(loose, "L3"), $"00{pallet.Sscc}", "(00)340123450000000017", "(00)340123450000000018");

        Assert.Equal([ScanOutcome.Ok, ScanOutcome.Ok, DeliveryReceipt.DuplicateVerdict, ScanOutcome.Refused, DeliveryReceipt.UnreadableVerdict],
            receipt.Items.Select(i => i.Verdict));
        Assert.Equal(new CaseSummary(pallet.Sscc, 2, 0), receipt.Items[0].Case);
        Assert.Equal("No case or pallet with SSCC 340123450000000017 is known to you.", receipt.Items[3].Message);
        Assert.Contains("check digit", receipt.Items[4].Message);
        foreach (var serial in inPallet.Append(loose))
            Assert.Equal((PackStatus.Active, Pharmacy.Gln), ((await _world.Ledger.FindPackAsync(Gtin, serial, default))!.Status, (await _world.Ledger.FindPackAsync(Gtin, serial, default))!.Custodian));
        Assert.Equal(ReceiveDelivery.Read("(00)" + pallet.Sscc, default).Key, ReceiveDelivery.Read("00" + pallet.Sscc, default).Key);
    }

    [Fact]
    public async Task Every_code_gets_its_own_answer_and_the_counts_add_up()
    {
        var serials = (await _world.CommissionAsync("LOT42", 3)).Serials;
        foreach (var s in serials.Take(2))
            await _world.ScanAsync(Maker, Code(s), new PackCommand(PackAction.Ship, Pharmacy.Gln));
        // serials[2] stays with the maker: receiving it is a custody problem, not a receipt.
        var receipt = await ReceiveAsync(Code(serials[0]) + "\r\n", Code(serials[1]), Code(serials[0]), "not a code", Code(serials[2]), Code("NOSUCHSERIAL"));

        Assert.Equal(
            [ScanOutcome.Ok, ScanOutcome.Ok, DeliveryReceipt.DuplicateVerdict, DeliveryReceipt.UnreadableVerdict],
            receipt.Items.Take(4).Select(i => i.Verdict));
        Assert.Equal(Code(serials[0]), receipt.Items[0].Code);
        Assert.Equal("Scanned twice in this delivery: received once.", receipt.Items[2].Message);
        Assert.NotEqual(ScanOutcome.Ok, receipt.Items[4].Verdict);
        Assert.Equal(ScanOutcome.Alert, receipt.Items[5].Verdict);
        Assert.NotEmpty(receipt.Items[5].Alerts);
        Assert.Equal("Active", receipt.Items[0].Pack?.Status);
        Assert.False(string.IsNullOrWhiteSpace(receipt.Items[3].Message));

        Assert.Equal(6, receipt.Scanned);
        Assert.Equal(2, receipt.Received);
        Assert.Equal(1, receipt.Duplicates);
        Assert.Equal(1, receipt.Unreadable);
        Assert.Equal(receipt.Items.Count(i => i.Verdict == ScanOutcome.Alert), receipt.Alerts);
        Assert.Equal(receipt.Items.Count(i => i.Verdict == ScanOutcome.Refused), receipt.Refused);
        Assert.Equal(6, receipt.Received + receipt.Alerts + receipt.Refused + receipt.Unreadable + receipt.Duplicates);
        Assert.Equal(PackStatus.Active, (await _world.Ledger.FindPackAsync(Gtin, serials[1], default))!.Status);
        Assert.Equal(Pharmacy.Gln, (await _world.Ledger.FindPackAsync(Gtin, serials[1], default))!.Custodian);
    }

    [Fact]
    public async Task The_same_pack_written_two_ways_is_one_pack()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        await _world.ScanAsync(Maker, Code(serial), new PackCommand(PackAction.Ship, Pharmacy.Gln));
        var receipt = await ReceiveAsync(Code(serial), $"01{Gtin}17271231\u001d10LOT42\u001d21{serial}");
        Assert.Equal([ScanOutcome.Ok, DeliveryReceipt.DuplicateVerdict], receipt.Items.Select(i => i.Verdict));
    }

    [Fact]
    public void An_empty_or_too_large_delivery_is_refused()
    {
        var validator = new ReceiveDeliveryValidator();
        Assert.Equal(("codes", "The delivery is empty: scan its packs first."), Assert.Single(validator.Validate(new ReceiveDelivery(Pharmacy.Gln, []))));
        Assert.Single(validator.Validate(new ReceiveDelivery(Pharmacy.Gln, null!)));
        Assert.Empty(validator.Validate(new ReceiveDelivery(Pharmacy.Gln, [.. Enumerable.Repeat("x", ReceiveDelivery.MaxCodes)])));
        Assert.Equal("At most 2000 packs per delivery; receive the rest in a second one.",
            Assert.Single(validator.Validate(new ReceiveDelivery(Pharmacy.Gln, [.. Enumerable.Repeat("x", ReceiveDelivery.MaxCodes + 1)]))).Message);
        Assert.Equal("codes", Assert.Single(validator.Validate(new ReceiveDelivery(Pharmacy.Gln, [.. Enumerable.Repeat("x", ReceiveDelivery.MaxCodes + 1)]))).Field);
    }

    [Fact]
    public void A_code_reads_as_a_case_a_pack_or_a_problem_with_the_key_that_tells_repeats()
    {
        var today = new DateOnly(2026, 3, 14);
        Assert.Equal(("00/340123450000000017", "case (00) 340123450000000017", (string?)null, "340123450000000017"),
            ReceiveDelivery.Read("(00)340123450000000017", today) is var c ? (c.Key, c.ReadAs, c.Problem, c.Sscc?.Value) : default);
        Assert.Equal(($"{Gtin}/S1", $"{Gtin} / S1", (string?)null, (string?)null),
            ReceiveDelivery.Read(Code("S1"), today) is var p ? (p.Key, p.ReadAs, p.Problem, p.Sscc?.Value) : default);

        var badSscc = ReceiveDelivery.Read("(00)340123450000000018", today);
        Assert.Equal(("(00)340123450000000018", (string?)null, (string?)null), (badSscc.Key, badSscc.ReadAs, badSscc.Sscc?.Value));
        Assert.Contains("check digit", badSscc.Problem);
        var garbled = ReceiveDelivery.Read("not a code", today);
        Assert.Equal(("not a code", (string?)null), (garbled.Key, garbled.ReadAs));
        Assert.False(string.IsNullOrWhiteSpace(garbled.Problem));
    }

    [Fact]
    public async Task A_missing_code_is_unreadable_and_does_not_stop_the_delivery()
    {
        var serial = (await _world.CommissionAsync("LOT42", 1)).Serials[0];
        await _world.ScanAsync(Maker, Code(serial), new PackCommand(PackAction.Ship, Pharmacy.Gln));

        var receipt = await ReceiveAsync(null!, Code(serial));

        Assert.Equal([DeliveryReceipt.UnreadableVerdict, ScanOutcome.Ok], receipt.Items.Select(i => i.Verdict));
        Assert.Equal("", receipt.Items[0].Code);
        Assert.Equal((2, 1, 1, 0, 0, 0), (receipt.Scanned, receipt.Received, receipt.Unreadable, receipt.Alerts, receipt.Refused, receipt.Duplicates));
    }
}
