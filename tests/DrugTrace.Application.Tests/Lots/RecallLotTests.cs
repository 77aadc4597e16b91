using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Tests.TestDoubles;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Lots;

public class RecallLotTests
{
    private readonly TestWorld _world = new();

    private ValueTask<LotState> RecallAsync(Party actor, string lot = "LOT42", string reason = "  Contamination  ", string gtin = Gtin, string? publicText = null) =>
        new RecallLotHandler(_world.Catalog, _world.Ledger, _world.RecallNotices, ContextFor(actor), _world.Clock)
            .Handle(new RecallLot(actor.Gln, gtin, lot, reason, publicText), CancellationToken.None);

    [Fact]
    public async Task The_public_text_is_kept_apart_from_the_internal_reason_and_is_none_by_default()
    {
        await _world.CommissionAsync("LOT42", 1);
        await _world.CommissionAsync("LOT43", 1);

        var recalled = await RecallAsync(Maker, publicText: "  Some packs may contain the wrong strength.  ");
        await RecallAsync(Maker, lot: "LOT43");

        Assert.Equal("Contamination", recalled.RecallReason);
        Assert.Equal("Some packs may contain the wrong strength.", await _world.RecallNotices.FindAsync(Gtin, "LOT42", default));
        Assert.Null(await _world.RecallNotices.FindAsync(Gtin, "LOT43", default));
        // The internal reason stays in the chain; the public text is not part of the ledger.
        var e = (await _world.Ledger.GetChainAsync(StreamKind.Lot, Gtin, "LOT42", default))[1].Event;
        Assert.Equal("Contamination", e.Reason);
    }

    [Fact]
    public async Task A_second_recall_does_not_replace_the_public_text()
    {
        await _world.CommissionAsync("LOT42", 1);
        await RecallAsync(Maker, publicText: "first");
        await Assert.ThrowsAsync<ConflictException>(() => RecallAsync(Maker, publicText: "second").AsTask());
        Assert.Equal("first", await _world.RecallNotices.FindAsync(Gtin, "LOT42", default));
    }

    [Fact]
    public void A_public_text_over_300_characters_is_refused()
    {
        var errors = new RecallLotValidator().Validate(new RecallLot(Maker.Gln, Gtin, "LOT42", "reason", new string('x', 301)));
        Assert.Equal("publicText", Assert.Single(errors).Field);
    }

    [Fact]
    public void Each_refusal_names_its_field_in_its_text()
    {
        var errors = new RecallLotValidator().Validate(new RecallLot(Maker.Gln, Gtin, "L 1", "bad\tbatch", "see\tleaflet")).ToList();

        Assert.Equal(["lot", "reason", "publicText"], errors.Select(e => e.Field));
        Assert.Equal("U+0020 at position 2 is not allowed in a lot number (GS1 character set 82).", errors[0].Message);
        Assert.StartsWith("The reason contains ", errors[1].Message);
        Assert.StartsWith("The publicText contains ", errors[2].Message);
    }

    [Fact]
    public async Task Recall_appends_to_the_lots_chain_and_stores_the_recall()
    {
        await _world.CommissionAsync("LOT42", 2);
        _world.Clock.Advance(TimeSpan.FromDays(3));

        var recalled = await RecallAsync(Maker);

        var now = EventHasher.TruncateToMilliseconds(Start.AddDays(3));
        Assert.Equal((now, "Contamination"), (recalled.RecalledAt, recalled.RecallReason));
        Assert.Equal(recalled, await _world.Catalog.FindLotAsync(Gtin, "LOT42", default));
        var chain = await _world.Ledger.GetChainAsync(StreamKind.Lot, Gtin, "LOT42", default);
        Assert.Equal([EventType.LotRegistered, EventType.LotRecalled], chain.Select(s => s.Event.Type));
        var e = chain[1].Event;
        Assert.Equal((1, Maker.Gln, "Contamination", now), (e.Seq, e.Actor, e.Reason, e.OccurredAt));
        Assert.Equal(new ChainHead(1, e.Hash), recalled.Head);
        Assert.Empty(ChainAuditor.VerifyChain(chain.Select(s => s.Event)));
    }

    [Fact]
    public async Task Every_pack_still_in_the_chain_shows_as_recalled()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var dispensed = await _world.PackAtAsync(Pharmacy, "LOT43");
        await _world.ScanAsync(Pharmacy, Code(dispensed, "LOT43"), new PackCommand(PackAction.Dispense));

        await RecallAsync(Maker);
        await RecallAsync(Maker, "LOT43");

        var outcome = await _world.ScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.Verify));
        Assert.Equal("Recalled", outcome.Pack?.Status);
        Assert.Contains(outcome.Alerts, a => a.Kind == "Recalled");
        var gone = await _world.ScanAsync(Pharmacy, Code(dispensed, "LOT43"), new PackCommand(PackAction.Verify));
        Assert.Equal("Dispensed", gone.Pack?.Status);
    }

    [Fact]
    public async Task Another_manufacturer_may_not_recall_and_is_told_the_same_as_for_an_unknown_lot()
    {
        await _world.CommissionAsync("LOT42", 1);

        var theirs = await Assert.ThrowsAsync<NotFoundException>(() => RecallAsync(OtherMaker).AsTask());
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => RecallAsync(OtherMaker, "NOSUCH").AsTask());
        Assert.Equal(theirs.Message, unknown.Message.Replace("NOSUCH", "LOT42", StringComparison.Ordinal));

        Assert.False((await _world.Catalog.FindLotAsync(Gtin, "LOT42", default))!.IsRecalled);
    }

    [Fact]
    public async Task A_second_recall_is_a_conflict()
    {
        await _world.CommissionAsync("LOT42", 1);
        await RecallAsync(Maker);

        var ex = await Assert.ThrowsAsync<ConflictException>(() => RecallAsync(Maker, reason: "again").AsTask());

        Assert.Contains("already recalled on 2026-03-14", ex.Message);
        Assert.Equal(2, (await _world.Ledger.GetChainAsync(StreamKind.Lot, Gtin, "LOT42", default)).Count);
    }

    [Fact]
    public async Task An_unknown_lot_is_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => RecallAsync(Maker, "NOLOT").AsTask());
    }

    [Fact]
    public async Task A_concurrent_recall_is_re_read_and_becomes_a_conflict()
    {
        await _world.CommissionAsync("LOT42", 1);
        _world.Ledger.BeforeNextAppend = async () => await RecallAsync(Maker, reason: "first");

        await Assert.ThrowsAsync<ConflictException>(() => RecallAsync(Maker, reason: "second").AsTask());

        Assert.Equal(1, _world.Ledger.LostAppends);
        Assert.Equal("first", (await _world.Catalog.FindLotAsync(Gtin, "LOT42", default))!.RecallReason);
    }

    [Theory]
    [InlineData("", "reason")]
    [InlineData("   ", "reason")]
    [InlineData("ok", null)]
    public void Validator_needs_a_reason(string reason, string? badField)
    {
        var errors = new RecallLotValidator().Validate(new RecallLot(Maker.Gln, Gtin, "LOT42", reason)).Select(e => e.Field);

        Assert.Equal(badField is null ? [] : [badField], errors);
    }

    [Fact]
    public void Validator_refuses_a_reason_over_500_characters()
    {
        var validator = new RecallLotValidator();

        Assert.Empty(validator.Validate(new RecallLot(Maker.Gln, Gtin, "LOT42", new string('x', 500))));
        Assert.Equal("reason", Assert.Single(validator.Validate(new RecallLot(Maker.Gln, Gtin, "LOT42", new string('x', 501)))).Field);
    }

    [Fact]
    public async Task A_lot_that_keeps_changing_under_the_recall_gives_up_after_eight_attempts()
    {
        await _world.CommissionAsync("LOT42", 1);
        var changes = 0;
        void Change()
        {
            // Each time the recall is about to be stored, the lot's head has moved on again.
            changes++;
            var lot = _world.Catalog.Lots[(Gtin, "LOT42")];
            _world.Catalog.Lots[(Gtin, "LOT42")] = lot with { Head = new ChainHead(lot.Head.Seq + 1, Hash256.FromBytes(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(changes)))) };
            _world.Ledger.BeforeNextAppend = () => { Change(); return ValueTask.CompletedTask; };
        }
        _world.Ledger.BeforeNextAppend = () => { Change(); return ValueTask.CompletedTask; };

        var ex = await Assert.ThrowsAsync<ConflictException>(() => RecallAsync(Maker).AsTask());

        Assert.Equal("Lot LOT42 is being changed by someone else; try again.", ex.Message);
        Assert.Equal(8, _world.Ledger.LostAppends);
        Assert.False(_world.Catalog.Lots[(Gtin, "LOT42")].IsRecalled);
    }

    [Fact]
    public async Task Unknown_and_foreign_lots_and_a_second_recall_are_worded()
    {
        await _world.CommissionAsync("LOT42", 1);
        Assert.Equal($"Lot NOLOT of {Gtin} is not one of your registered lots.",
            (await Assert.ThrowsAsync<NotFoundException>(() => RecallAsync(Maker, "NOLOT").AsTask())).Message);
        Assert.Equal($"Lot LOT42 of {Gtin} is not one of your registered lots.",
            (await Assert.ThrowsAsync<NotFoundException>(() => RecallAsync(OtherMaker).AsTask())).Message);
        _world.Clock.Advance(TimeSpan.FromDays(2));
        await RecallAsync(Maker, publicText: "   ");
        Assert.Null(await _world.RecallNotices.FindAsync(Gtin, "LOT42", default));
        Assert.Equal("Lot LOT42 was already recalled on 2026-03-16.",
            (await Assert.ThrowsAsync<ConflictException>(() => RecallAsync(Maker).AsTask())).Message);
    }

    [Fact]
    public void The_validator_words_a_missing_reason_and_names_each_bad_field()
    {
        var validator = new RecallLotValidator();
        Assert.Equal([("reason", "Say why the lot is recalled.")], validator.Validate(new RecallLot(Maker.Gln, Gtin, "LOT42", " ")));
        Assert.Equal(["gtin", "lot"], validator.Validate(new RecallLot(Maker.Gln, "12345", "LOT 42", "ok")).Select(e => e.Field));
        Assert.Empty(validator.Validate(new RecallLot(Maker.Gln, Gtin, "LOT42", "ok", new string('x', RecallLot.MaxPublicText))));
        Assert.Equal(["reason"], validator.Validate(new RecallLot(Maker.Gln, Gtin, "LOT42", "bad\u0007")).Select(e => e.Field));
    }
}
