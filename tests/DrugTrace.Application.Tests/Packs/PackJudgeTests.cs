using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Parties;
using DrugTrace.Application.Tests.TestDoubles;
using PackIdentity = DrugTrace.Domain.Gs1.PackIdentity;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using static DrugTrace.Application.Tests.TestDoubles.TestWorld;

namespace DrugTrace.Application.Tests.Packs;

public class PackJudgeTests
{
    private readonly TestWorld _world = new();

    private PackJudge Judge()
    {
        var reader = new ScanFactsReader(_world.Ledger, _world.Catalog, new PartyDirectory(_world.Parties));
        return new PackJudge(_world.Ledger, reader, new ScanningErrorTriage(reader));
    }

    private static PackIdentity Id(string serial, string lot = "LOT42") => new(DrugTrace.Domain.Gs1.Gtin.Parse(Gtin), serial, lot, Expiry);

    [Fact]
    public async Task An_accepted_handoff_is_appended_once_and_answered_with_its_event()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var logBefore = _world.Ledger.Log.Count;

        var judgement = await Judge().TryOnceAsync(Pharmacy, Code(serial), Id(serial), new PackCommand(PackAction.Dispense), Start, default);

        Assert.NotNull(judgement);
        Assert.Equal((ScanOutcome.Ok, "Dispensed.", "Dispensed"), (judgement.Outcome.Verdict, judgement.Outcome.Message, judgement.Outcome.Pack?.Status));
        Assert.Equal(logBefore + 1, _world.Ledger.Log.Count);
        Assert.Equal(_world.Ledger.Log[^1].Event.Seq, judgement.Outcome.Event?.Seq);
        Assert.Empty(judgement.Findings);
        Assert.Equal(Maker.Gln, judgement.BrandOwner);
    }

    [Fact]
    public async Task A_lost_append_answers_null_and_stores_nothing_of_its_own()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        _world.Ledger.BeforeNextAppend = async () => await _world.ScanAsync(Pharmacy, Code(serial), new PackCommand(PackAction.Dispense));

        var judgement = await Judge().TryOnceAsync(Pharmacy, Code(serial), Id(serial), new PackCommand(PackAction.Dispense), Start, default);

        Assert.Null(judgement);
        Assert.Equal(1, _world.Ledger.LostAppends);
        var chain = await _world.Ledger.GetChainAsync(StreamKind.Pack, Gtin, serial, default);
        Assert.Single(chain, s => s.Event.Type == EventType.Dispensed);
    }

    [Fact]
    public async Task A_verification_never_appends()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var logBefore = _world.Ledger.Log.Count;

        var judgement = await Judge().TryOnceAsync(Pharmacy, Code(serial), Id(serial), new PackCommand(PackAction.Verify), Start, default);

        Assert.Equal((ScanOutcome.Ok, "Genuine pack."), (judgement?.Outcome.Verdict, judgement?.Outcome.Message));
        Assert.Equal(logBefore, _world.Ledger.Log.Count);
    }

    [Fact]
    public async Task A_plain_mistake_is_refused_with_the_holders_name_and_no_finding()
    {
        var serial = await _world.PackAtAsync(Wholesaler);

        var judgement = await Judge().TryOnceAsync(Wholesaler, Code(serial), Id(serial), new PackCommand(PackAction.Receive), Start, default);

        Assert.Equal((ScanOutcome.Refused, "This pack is already in your stock."), (judgement?.Outcome.Verdict, judgement?.Outcome.Message));
        Assert.Empty(judgement!.Findings);
    }

    [Fact]
    public async Task A_suspicious_handoff_by_an_uninvolved_party_is_flagged_without_naming_the_holder()
    {
        var serial = await _world.PackAtAsync(Pharmacy);

        var judgement = await Judge().TryOnceAsync(OtherPharmacy, Code(serial), Id(serial), new PackCommand(PackAction.Dispense), Start, default);

        Assert.Equal(ScanOutcome.Alert, judgement?.Outcome.Verdict);
        Assert.Contains(HolderDisclosure.Withheld, judgement!.Outcome.Message);
        Assert.DoesNotContain(Pharmacy.Gln, judgement.Outcome.Message);
        Assert.DoesNotContain("Corner Pharmacy", judgement.Outcome.Message);
        Assert.Null(judgement.Outcome.Pack!.Custodian);
        Assert.NotEmpty(judgement.Findings);
    }

    [Fact]
    public async Task A_message_to_an_involved_party_names_the_other_party_from_the_gathered_facts()
    {
        var serial = await _world.PackAtAsync(Wholesaler);
        await _world.ScanAsync(Wholesaler, Code(serial), new PackCommand(PackAction.Ship, Pharmacy.Gln));

        var judgement = await Judge().TryOnceAsync(Wholesaler, Code(serial), Id(serial), new PackCommand(PackAction.Ship, OtherPharmacy.Gln), Start, default);

        Assert.Equal(ScanOutcome.Refused, judgement?.Outcome.Verdict);
        Assert.Contains($"Corner Pharmacy ({Pharmacy.Gln})", judgement!.Outcome.Message);
    }

    [Fact]
    public async Task An_append_that_throws_while_the_pack_cannot_be_read_either_reports_the_appends_own_error()
    {
        var serial = await _world.PackAtAsync(Pharmacy);
        var reader = new ScanFactsReader(_world.Ledger, _world.Catalog, new PartyDirectory(_world.Parties));
        var broken = new BrokenLedger(_world.Ledger);
        var logBefore = _world.Ledger.Log.Count;

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(async () =>
            await new PackJudge(broken, reader, new ScanningErrorTriage(reader)).TryOnceAsync(Pharmacy, Code(serial), Id(serial), new PackCommand(PackAction.Dispense), Start, default));

        Assert.Same(broken.AppendError, refused);
        Assert.Equal(1, broken.Reads);
        Assert.Equal(logBefore, _world.Ledger.Log.Count);
    }

    /// <summary>A store whose pack append fails and whose pack reads fail after it.</summary>
    private sealed class BrokenLedger(InMemoryLedgerStore inner) : DelegatingLedgerStore(inner)
    {
        public StoreUnavailableException AppendError { get; } = new("connection reset", new IOException("reset"));
        public int Reads { get; private set; }

        public override ValueTask<bool> TryAppendAsync(LedgerEvent e, PackState newState, ChainHead lotHead, CancellationToken cancellationToken) => throw AppendError;

        public override ValueTask<PackState?> FindPackAsync(string gtin, string serial, CancellationToken cancellationToken)
        {
            Reads++;
            throw new InvalidOperationException("the store cannot be read");
        }
    }
}
