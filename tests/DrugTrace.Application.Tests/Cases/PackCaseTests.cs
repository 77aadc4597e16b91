using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Cases;

/// <summary><see cref="PackCaseHandler"/> and its validator: the words of each refusal, the case view, a race for the SSCC.</summary>
public sealed class PackCaseTests
{
    private readonly TestWorld _world = new();

    private ValueTask<CaseView> PackAsync(Party actor, IReadOnlyList<string> codes, string? sscc = null) =>
        _world.PackCase(actor)
            .Handle(new PackCase(actor.Gln, codes, sscc), default);

    private static string Own(int reference) => Sscc.Create(0, Maker.Gln[..7], reference).Value;

    [Fact]
    public void The_validator_words_an_empty_case_and_one_with_too_many_items()
    {
        var validator = new PackCaseValidator();
        Assert.Equal([("codes", "The case is empty: scan the packs (or cases) to put in it.")], validator.Validate(new PackCase(Maker.Gln, [], null)));
        Assert.Equal([("codes", "The case is empty: scan the packs (or cases) to put in it.")], validator.Validate(new PackCase(Maker.Gln, null!, null)));
        Assert.Equal([("codes", $"At most {PackCase.MaxCodes} items per case.")],
            validator.Validate(new PackCase(Maker.Gln, [.. Enumerable.Repeat("x", PackCase.MaxCodes + 1)], null)));
        Assert.Empty(validator.Validate(new PackCase(Maker.Gln, [.. Enumerable.Repeat("x", PackCase.MaxCodes)], Own(1))));
    }

    [Fact]
    public async Task Each_bad_code_is_named_by_its_place_and_nothing_is_packed()
    {
        var serials = (await _world.CommissionAsync("LOT42", 2)).Serials;
        var inner = await PackAsync(Maker, [Code(serials[1])]);
        var log = _world.Ledger.Log.Count;

        var empty = await Assert.ThrowsAsync<ValidationException>(async () => await PackAsync(Maker, [Code(serials[0]), " "]));
        Assert.Equal(("codes[1]", "The code is empty."), (Assert.Single(empty.Errors).Key, empty.Errors["codes[1]"].Single()));
        var pack = await Assert.ThrowsAsync<ValidationException>(async () => await PackAsync(Maker, [Code(serials[0]), Code(serials[0])]));
        Assert.Equal($"Pack {Gtin}/{serials[0]} is listed twice.", pack.Errors["codes[1]"].Single());
        var twice = await Assert.ThrowsAsync<ValidationException>(async () => await PackAsync(Maker, ["(00)" + inner.Sscc, Code(serials[0]), "00" + inner.Sscc]));
        Assert.Equal($"Case {inner.Sscc} is listed twice.", twice.Errors["codes[2]"].Single());
        var garbled = await Assert.ThrowsAsync<ValidationException>(async () => await PackAsync(Maker, [Code(serials[0]), "hello"]));
        Assert.Equal(["codes[1]"], garbled.Errors.Keys);
        var itself = await Assert.ThrowsAsync<ValidationException>(async () => await PackAsync(Maker, [Code(serials[0]), "(00)" + Own(5)], Own(5)));
        Assert.Equal(("codes", "A case cannot be packed into itself."), (Assert.Single(itself.Errors).Key, itself.Errors["codes"].Single()));

        Assert.Equal(log, _world.Ledger.Log.Count);
        Assert.Null((await _world.Ledger.FindPackAsync(Gtin, serials[0], default))!.Parent);
    }

    [Fact]
    public async Task A_packed_case_is_viewed_with_what_is_inside_and_its_events_at_the_clocks_millisecond()
    {
        var serials = (await _world.CommissionAsync("LOT42", 2)).Serials;
        var view = await PackAsync(Maker, [.. serials.Select(s => Code(s))], Own(7));

        Assert.Equal((Own(7), 2, "Active", Maker.Gln), (view.Sscc, view.PackCount, view.Status, view.PackedBy));
        Assert.Equal(serials.Order(StringComparer.Ordinal), view.Packs.Select(p => p.Serial));
        var packed = (await _world.Ledger.GetChainAsync(StreamKind.Case, "", Own(7), default))[0].Event;
        Assert.Equal((EventType.CasePacked, Maker.Gln, Start.AddTicks(-1234)), (packed.Type, packed.Actor, packed.RecordedAt));
    }

    [Fact]
    public async Task A_pack_already_in_a_case_is_a_conflict_with_the_lifecycles_words()
    {
        var serials = (await _world.CommissionAsync("LOT42", 2)).Serials;
        var first = await PackAsync(Maker, [Code(serials[0])]);

        var again = await Assert.ThrowsAsync<ConflictException>(async () => await PackAsync(Maker, [Code(serials[1]), Code(serials[0])]));
        Assert.Contains($"already packed in case (00) {first.Sscc}", again.Message);
        Assert.Null((await _world.Ledger.FindPackAsync(Gtin, serials[1], default))!.Parent);
    }

    [Fact]
    public async Task An_sscc_taken_by_another_case_while_packing_is_not_taken_again()
    {
        var serials = (await _world.CommissionAsync("LOT42", 2)).Serials;
        // Between the decision and the store, another request packs the other pack under the same SSCC.
        _world.Ledger.BeforeNextAppend = async () => await PackAsync(Maker, [Code(serials[1])], Own(9));

        var taken = await Assert.ThrowsAsync<ConflictException>(async () => await PackAsync(Maker, [Code(serials[0])], Own(9)));

        Assert.Equal($"SSCC {Own(9)} was used by another case meanwhile; nothing was packed.", taken.Message);
        Assert.Null((await _world.Ledger.FindPackAsync(Gtin, serials[0], default))!.Parent);
        Assert.Equal(Own(9), (await _world.Ledger.FindPackAsync(Gtin, serials[1], default))!.Parent);
    }

    [Fact]
    public async Task A_race_lost_to_another_change_is_decided_again_and_packed()
    {
        var serials = (await _world.CommissionAsync("LOT42", 1)).Serials;
        var other = (await _world.CommissionAsync("LOT43", 1)).Serials[0];
        // Another request locks a pack of the case and unlocks it again: its head moved, it can still be packed.
        _world.Ledger.BeforeNextAppend = async () =>
        {
            await _world.ScanAsync(Maker, Code(serials[0]), new PackCommand(PackAction.Decommission, Reason: DecommissionReason.Locked));
            await _world.ScanAsync(Maker, Code(serials[0]), new PackCommand(PackAction.Unlock));
        };

        var view = await PackAsync(Maker, [Code(serials[0]), Code(other, "LOT43")], Own(11));

        Assert.Equal(1, _world.Ledger.LostAppends);
        Assert.Equal((Own(11), 2), (view.Sscc, view.PackCount));
        Assert.Equal([EventType.Commissioned, EventType.Decommissioned, EventType.Unlocked, EventType.Aggregated],
            (await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serials[0], default)).Select(e => e.Event.Type));
    }
}
