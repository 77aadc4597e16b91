using DrugTrace.Application.Packs;
using DrugTrace.Application.Shipping;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Shipping;

public class ReceiveDeliveryTests
{
    private readonly TestWorld _world = new();

    private ValueTask<DeliveryReceipt> ReceiveAsync(params string[] codes) =>
        new ReceiveDeliveryHandler(_world.Handoffs(), ContextFor(Pharmacy), _world.Clock)
            .Handle(new ReceiveDelivery(Pharmacy.Gln, codes), CancellationToken.None);

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
        Assert.Equal("The delivery is empty: scan its packs first.", Assert.Single(validator.Validate(new ReceiveDelivery(Pharmacy.Gln, []))).Message);
        Assert.Single(validator.Validate(new ReceiveDelivery(Pharmacy.Gln, null!)));
        Assert.Empty(validator.Validate(new ReceiveDelivery(Pharmacy.Gln, [.. Enumerable.Repeat("x", ReceiveDelivery.MaxCodes)])));
        Assert.Equal("At most 2000 packs per delivery; receive the rest in a second one.",
            Assert.Single(validator.Validate(new ReceiveDelivery(Pharmacy.Gln, [.. Enumerable.Repeat("x", ReceiveDelivery.MaxCodes + 1)]))).Message);
    }
}
