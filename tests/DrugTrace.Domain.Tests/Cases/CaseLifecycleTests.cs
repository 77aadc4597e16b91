using DrugTrace.Domain.Alerts;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Tests.Cases;

/// <summary>SSCC aggregation: packing, moving a pallet with everything inside, unpacking; and what the audit's replay makes of it.</summary>
public class CaseLifecycleTests
{
    private const string Gtin = "09506000134352";
    private static readonly Party Maker = new("4012345000009", "Acme Pharma", PartyRole.Manufacturer);
    private static readonly Party OtherWholesaler = new("4098765000018", "Small Wholesale", PartyRole.Wholesaler);
    private static readonly Party Wholesaler = new("4098765000001", "Big Wholesale", PartyRole.Wholesaler);
    private static readonly Party Pharmacy = new("4055555000003", "Corner Pharmacy", PartyRole.Pharmacy);
    private static readonly Party OtherPharmacy = new("4055555000010", "High Street Pharmacy", PartyRole.Pharmacy);
    private static readonly Party Regulator = new("4000000000009", "Medicines Agency", PartyRole.Regulator);
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);
    private static readonly LotState Lot = new(Gtin, "LOT42", new DateOnly(2027, 6, 30), Maker.Gln, new ChainHead(0, Hash256.Zero));
    private static readonly Sscc Case1 = Sscc.Create(0, "4098765", 1);
    private static readonly Sscc Case2 = Sscc.Create(0, "4098765", 2);
    private static readonly Sscc Pallet = Sscc.Create(0, "4098765", 3);

    private static PackState Pack(string serial, Party holder) => new()
    {
        Gtin = Gtin, Serial = serial, Lot = "LOT42", Expiry = Lot.Expiry, Status = PackStatus.Active,
        Custodian = holder.Gln, ChangedBy = holder.Gln, ChangedAt = Now.AddDays(-3),
        Head = new ChainHead(2, EventHasher.ComputeHash(new LedgerEvent
        {
            Stream = StreamKind.Pack, Gtin = Gtin, Key = serial, Seq = 2, Type = EventType.Received, Actor = holder.Gln,
            OccurredAt = Now, RecordedAt = Now, PrevHash = Hash256.Zero,
        })),
    };

    /// <summary>Everything the steps made, folded: the ledger after the operation.</summary>
    private sealed class World
    {
        public Dictionary<string, PackState> Packs { get; } = [];
        public Dictionary<string, CaseState> Cases { get; } = [];
        public Dictionary<string, List<LedgerEvent>> Chains { get; } = [];
        public List<CaseStep> Steps { get; } = [];

        public void Apply(CaseDecision decision)
        {
            foreach (var step in Assert.IsType<CaseDecision.Accepted>(decision).Steps)
            {
                Steps.Add(step);
                var key = step.Event.Stream == StreamKind.Pack ? step.Event.Gtin + "/" + step.Event.Key : step.Event.Key;
                if (!Chains.TryGetValue(key, out var chain)) Chains[key] = chain = [];
                chain.Add(step.Event);
                switch (step)
                {
                    case CaseStep.OfPack p:
                        Assert.Equal(Packs[p.State.Serial].Head, new ChainHead(p.Event.Seq - 1, p.Event.PrevHash));
                        Packs[p.State.Serial] = p.State;
                        break;
                    case CaseStep.OfCase c:
                        Cases[c.State.Sscc] = c.State;
                        break;
                }
            }
        }

        public CaseContents Contents(string sscc) => new(
            Cases[sscc],
            [.. Packs.Values.Where(p => p.Parent == sscc).Select(p => new PackInCase(p, Lot))],
            [.. Cases.Values.Where(c => c.Parent == sscc).Select(c => Contents(c.Sscc))]);
    }

    private static World PackedAtWholesaler(params string[] serials)
    {
        var world = new World();
        foreach (var s in serials) world.Packs[s] = Pack(s, Wholesaler);
        return world;
    }

    private static PackInCase[] In(World world, params string[] serials) => [.. serials.Select(s => new PackInCase(world.Packs[s], Lot))];

    [Fact]
    public void Packing_opens_the_case_chain_and_gives_every_pack_an_aggregated_event()
    {
        var world = PackedAtWholesaler("SN1", "SN2");
        var decision = CaseLifecycle.Pack(Case1, In(world, "SN1", "SN2"), [], Wholesaler, Now);
        world.Apply(decision);

        var steps = ((CaseDecision.Accepted)decision).Steps;
        var created = Assert.IsType<CaseStep.OfCase>(steps[0]);
        Assert.True(created.IsNew);
        Assert.Equal((StreamKind.Case, "", Case1.Value, 0, EventType.CasePacked, Wholesaler.Gln),
            (created.Event.Stream, created.Event.Gtin, created.Event.Key, created.Event.Seq, created.Event.Type, created.Event.Actor));
        Assert.Equal(EventHasher.ComputeHash(created.Event), created.Event.Hash);
        Assert.All(steps.Skip(1), s => Assert.Equal((EventType.Aggregated, Case1.Value), (s.Event.Type, s.Event.To)));
        Assert.All(world.Packs.Values, p => Assert.Equal((Case1.Value, PackStatus.Active, 3), (p.Parent, p.Status, p.Head.Seq)));
        Assert.Equal((CaseStatus.Active, Wholesaler.Gln, Wholesaler.Gln), (world.Cases[Case1.Value].Status, world.Cases[Case1.Value].Custodian, world.Cases[Case1.Value].PackedBy));
    }

    [Fact]
    public void Packs_added_to_a_held_case_get_their_aggregated_events_at_the_time_given_and_the_case_chain_is_unchanged()
    {
        var world = PackedAtWholesaler("SN1", "SN2", "SN3");
        var packedAt = Now.AddHours(-2).AddTicks(1234);
        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1"), [], Wholesaler, Now, packedAt));
        Assert.All(world.Chains.Values.SelectMany(c => c), e => Assert.Equal((packedAt.AddTicks(-1234), Now), (e.OccurredAt, e.RecordedAt)));

        var added = CaseLifecycle.AddTo(world.Cases[Case1.Value], In(world, "SN2", "SN3"), [], Wholesaler, Now, packedAt);
        world.Apply(added);
        Assert.All(((CaseDecision.Accepted)added).Steps, s => Assert.Equal((StreamKind.Pack, EventType.Aggregated, Case1.Value), (s.Event.Stream, s.Event.Type, s.Event.To)));
        Assert.Single(world.Chains[Case1.Value]);
        Assert.Equal(3, world.Contents(Case1.Value).PackCount);

        // Only to a case the packer holds, packed and here: not another's, not one on its way, not an unpacked one.
        var more = PackedAtWholesaler("SN4");
        Assert.Contains("Only the holder", Assert.IsType<CaseDecision.Refused>(
            CaseLifecycle.AddTo(world.Cases[Case1.Value] with { Custodian = Pharmacy.Gln }, In(more, "SN4"), [], Wholesaler, Now)).Message);
        Assert.Contains("on its way", Assert.IsType<CaseDecision.Refused>(
            CaseLifecycle.AddTo(world.Cases[Case1.Value] with { Status = CaseStatus.InTransit }, In(more, "SN4"), [], Wholesaler, Now)).Message);
        Assert.Contains("was unpacked", Assert.IsType<CaseDecision.Refused>(
            CaseLifecycle.AddTo(world.Cases[Case1.Value] with { Status = CaseStatus.Unpacked }, In(more, "SN4"), [], Wholesaler, Now)).Message);
        Assert.Contains("already packed in case", Assert.IsType<CaseDecision.Refused>(
            CaseLifecycle.AddTo(world.Cases[Case1.Value], In(world, "SN2"), [], Wholesaler, Now)).Message);

        var unpackedAt = Now.AddHours(-1);
        var unpacked = Assert.IsType<CaseDecision.Accepted>(CaseLifecycle.Unpack(world.Contents(Case1.Value), Wholesaler, Now, unpackedAt));
        Assert.All(unpacked.Steps, s => Assert.Equal(unpackedAt, s.Event.OccurredAt));
    }

    [Fact]
    public void Packing_refuses_what_the_packer_does_not_hold_or_what_is_packed_already()
    {
        var world = PackedAtWholesaler("SN1");
        world.Packs["SN2"] = Pack("SN2", Pharmacy);
        var foreign = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Pack(Case1, In(world, "SN1", "SN2"), [], Wholesaler, Now));
        Assert.Contains("SN2 cannot be packed: it is not in your stock.", foreign.Message);
        Assert.Equal("SN2", Assert.Single(foreign.Packs).Pack.Serial);

        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1"), [], Wholesaler, Now));
        var twice = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Pack(Case2, In(world, "SN1"), [], Wholesaler, Now));
        Assert.Contains($"it is already packed in case (00) {Case1.Value}.", twice.Message);
    }

    [Fact]
    public void Packing_refuses_held_or_recalled_packs_an_empty_case_and_a_pharmacy()
    {
        var held = Pack("SN1", Wholesaler) with { Status = PackStatus.Quarantined, HeldFrom = PackStatus.Active };
        Assert.Contains("it is quarantined", Assert.IsType<CaseDecision.Refused>(
            CaseLifecycle.Pack(Case1, [new PackInCase(held, Lot)], [], Wholesaler, Now)).Message);
        Assert.Contains("its lot is recalled", Assert.IsType<CaseDecision.Refused>(
            CaseLifecycle.Pack(Case1, [new PackInCase(Pack("SN1", Wholesaler), Lot with { RecalledAt = Now })], [], Wholesaler, Now)).Message);
        Assert.Equal("A case needs at least one pack or case to hold.",
            Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Pack(Case1, [], [], Wholesaler, Now)).Message);
        Assert.Equal("A pharmacy may not pack cases.",
            Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Pack(Case1, [new PackInCase(Pack("SN1", Pharmacy), Lot)], [], Pharmacy, Now)).Message);
    }

    [Theory]
    [InlineData(PackAction.Ship)]
    [InlineData(PackAction.Dispense)]
    [InlineData(PackAction.Decommission)]
    [InlineData(PackAction.Quarantine)]
    public void A_packed_pack_does_not_move_alone(PackAction action)
    {
        var world = PackedAtWholesaler("SN1");
        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1"), [], Wholesaler, Now));
        var actor = action == PackAction.Dispense ? Pharmacy : Wholesaler;
        var refused = Assert.IsType<Decision.Refused>(PackLifecycle.Decide(world.Packs["SN1"], Lot,
            new PackCommand(action, To: Pharmacy.Gln, Reason: DecommissionReason.Destroyed, Note: "seal"), actor, Now));
        Assert.Equal($"This pack is packed in case (00) {Case1.Value}; ship or receive the case, or unpack it first.", refused.Message);

        // Naming another case does not get it out either.
        Assert.Equal($"This pack is packed in case (00) {Case1.Value}; ship or receive the case, or unpack it first.",
            Assert.IsType<Decision.Refused>(PackLifecycle.Decide(world.Packs["SN1"], Lot, new PackCommand(PackAction.Ship, To: Pharmacy.Gln, Case: Case2.Value), Wholesaler, Now)).Message);
    }

    private static World ShippedPallet()
    {
        // A pallet holding case 1 (SN1, SN2) and a loose case 2 (SN3).
        var world = PackedAtWholesaler("SN1", "SN2", "SN3");
        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1", "SN2"), [], Wholesaler, Now));
        world.Apply(CaseLifecycle.Pack(Case2, In(world, "SN3"), [], Wholesaler, Now));
        world.Apply(CaseLifecycle.Pack(Pallet, [], [world.Cases[Case1.Value], world.Cases[Case2.Value]], Wholesaler, Now));
        world.Apply(CaseLifecycle.Move(world.Contents(Pallet.Value), CaseAction.Ship, Pharmacy.Gln, Wholesaler, Now.AddHours(1)));
        return world;
    }

    [Fact]
    public void Shipping_a_pallet_gives_every_case_and_every_pack_inside_its_own_event_naming_its_case()
    {
        var world = ShippedPallet();

        Assert.All(world.Packs.Values, p => Assert.Equal((PackStatus.InTransit, Pharmacy.Gln), (p.Status, p.ShipTo)));
        Assert.All(world.Cases.Values, c => Assert.Equal((CaseStatus.InTransit, Pharmacy.Gln), (c.Status, c.ShipTo)));
        var sn1 = world.Chains[Gtin + "/SN1"][^1];
        Assert.Equal((EventType.Shipped, Wholesaler.Gln, Pharmacy.Gln, Case1.Value), (sn1.Type, sn1.From, sn1.To, sn1.Reason));
        Assert.Equal(Pallet.Value, world.Chains[Case1.Value][^1].Reason);
        Assert.Null(world.Chains[Pallet.Value][^1].Reason);
        Assert.Equal(3, world.Contents(Pallet.Value).PackCount);
        Assert.Equal(2, world.Contents(Pallet.Value).CaseCount);
    }

    [Fact]
    public void Only_the_recipient_receives_the_pallet_and_then_holds_everything_in_it()
    {
        var world = ShippedPallet();
        var diverted = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Move(world.Contents(Pallet.Value), CaseAction.Receive, null, OtherPharmacy, Now));
        Assert.Equal("This case was not shipped to you.", diverted.Message);
        // Each pack inside would be a custody mismatch if received alone: the findings go with the refusal.
        Assert.Equal(world.Packs.Keys.Order(), diverted.Packs.Select(p => p.Pack.Serial).Order());
        Assert.All(diverted.Packs, p => Assert.Equal(AlertKind.CustodyMismatch, p.Finding!.Kind));

        world.Apply(CaseLifecycle.Move(world.Contents(Pallet.Value), CaseAction.Receive, null, Pharmacy, Now.AddHours(2)));

        Assert.All(world.Packs.Values, p => Assert.Equal((PackStatus.Active, Pharmacy.Gln, (string?)null), (p.Status, p.Custodian, p.ShipTo)));
        Assert.All(world.Cases.Values, c => Assert.Equal((CaseStatus.Active, Pharmacy.Gln), (c.Status, c.Custodian)));
        var again = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Move(world.Contents(Pallet.Value), CaseAction.Receive, null, Pharmacy, Now));
        Assert.Equal("This case is already in your stock.", again.Message);
        Assert.Empty(again.Packs);
    }

    [Fact]
    public void A_pallet_received_back_by_its_sender_while_on_its_way_carries_each_packs_custody_finding()
    {
        // The sender is no longer the party it is on its way to: as each pack scanned alone, a diversion sign.
        var world = ShippedPallet();
        var back = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Move(world.Contents(Pallet.Value), CaseAction.Receive, null, Wholesaler, Now.AddHours(2)));

        Assert.Equal("This case was not shipped to you.", back.Message);
        Assert.Equal(["SN1", "SN2", "SN3"], back.Packs.Select(p => p.Pack.Serial).Order());
        Assert.All(back.Packs, p => Assert.Equal(AlertKind.CustodyMismatch, p.Finding!.Kind));
    }

    [Fact]
    public void A_case_inside_a_pallet_does_not_move_alone()
    {
        var world = PackedAtWholesaler("SN1");
        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1"), [], Wholesaler, Now));
        world.Apply(CaseLifecycle.Pack(Pallet, [], [world.Cases[Case1.Value]], Wholesaler, Now));

        var refused = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Move(world.Contents(Case1.Value), CaseAction.Ship, Pharmacy.Gln, Wholesaler, Now));
        Assert.Equal($"Case (00) {Case1.Value} is packed in pallet (00) {Pallet.Value}; ship the pallet, or unpack it first.", refused.Message);
    }

    [Fact]
    public void One_pack_that_may_not_move_stops_the_whole_pallet_with_its_finding()
    {
        var world = PackedAtWholesaler("SN1", "SN2");
        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1", "SN2"), [], Wholesaler, Now));
        var contents = world.Contents(Case1.Value);
        var recalled = contents with { Packs = [contents.Packs[0], contents.Packs[1] with { Lot = Lot with { RecalledAt = Now, RecallReason = "x" } }] };

        var refused = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Move(recalled, CaseAction.Ship, Pharmacy.Gln, Wholesaler, Now));

        Assert.StartsWith($"Nothing was shipped: pack {Gtin}/SN2 cannot be shipped", refused.Message);
        Assert.Equal(Domain.Alerts.AlertKind.Recalled, Assert.Single(refused.Packs).Finding!.Kind);
    }

    [Fact]
    public void Shipping_needs_the_holder_a_recipient_and_not_oneself()
    {
        var world = PackedAtWholesaler("SN1");
        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1"), [], Wholesaler, Now));
        var contents = world.Contents(Case1.Value);
        Assert.Equal($"Only the holder of case (00) {Case1.Value} can ship it.",
            Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Move(contents, CaseAction.Ship, Pharmacy.Gln, Maker, Now)).Message);
        Assert.Equal("A shipment needs the GLN of the party it goes to.",
            Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Move(contents, CaseAction.Ship, null, Wholesaler, Now)).Message);
        Assert.Equal("A case cannot be shipped to its own holder.",
            Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Move(contents, CaseAction.Ship, Wholesaler.Gln, Wholesaler, Now)).Message);
        Assert.Equal("A regulator may not ship cases.",
            Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Move(contents, CaseAction.Ship, Pharmacy.Gln, Regulator, Now)).Message);
    }

    [Fact]
    public void Unpacking_frees_what_was_directly_inside_and_closes_the_case_for_good()
    {
        var world = ShippedPallet();
        world.Apply(CaseLifecycle.Move(world.Contents(Pallet.Value), CaseAction.Receive, null, Pharmacy, Now.AddHours(2)));
        Assert.Contains("Only the holder", Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Unpack(world.Contents(Pallet.Value), Wholesaler, Now)).Message);
        Assert.Contains("unpack the pallet first",
            Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Unpack(world.Contents(Case1.Value), Pharmacy, Now)).Message);

        world.Apply(CaseLifecycle.Unpack(world.Contents(Pallet.Value), Pharmacy, Now.AddHours(3)));

        Assert.Equal(CaseStatus.Unpacked, world.Cases[Pallet.Value].Status);
        Assert.All(new[] { Case1, Case2 }, c => Assert.Null(world.Cases[c.Value].Parent));
        // The pallet's cases stay packed until they are opened too.
        Assert.All(world.Packs.Values, p => Assert.NotNull(p.Parent));
        Assert.Equal((EventType.Disaggregated, Pallet.Value), (world.Chains[Case1.Value][^1].Type, world.Chains[Case1.Value][^1].From));
        Assert.Contains("was unpacked", Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Unpack(world.Contents(Pallet.Value), Pharmacy, Now)).Message);

        world.Apply(CaseLifecycle.Unpack(world.Contents(Case1.Value), Pharmacy, Now.AddHours(4)));
        Assert.Null(world.Packs["SN1"].Parent);
        var dispensed = PackLifecycle.Decide(world.Packs["SN1"], Lot, new PackCommand(PackAction.Dispense), Pharmacy, Now.AddHours(5));
        Assert.Equal(EventType.Dispensed, Assert.IsType<Decision.Accepted>(dispensed).Type);
    }

    [Fact]
    public void The_replay_accepts_the_chains_cases_make_and_the_links_agree()
    {
        var world = ShippedPallet();
        world.Apply(CaseLifecycle.Move(world.Contents(Pallet.Value), CaseAction.Receive, null, Pharmacy, Now.AddHours(2)));
        world.Apply(CaseLifecycle.Unpack(world.Contents(Pallet.Value), Pharmacy, Now.AddHours(3)));
        Party? Find(string gln) => new[] { Maker, Wholesaler, Pharmacy }.FirstOrDefault(p => p.Gln == gln);

        foreach (var sscc in new[] { Case1, Case2, Pallet })
            Assert.Empty(ChainReplay.ReplayCase(Indexed(world.Chains[sscc.Value]), world.Cases[sscc.Value], Find));
        foreach (var serial in new[] { "SN1", "SN2", "SN3" })
        {
            var start = Pack(serial, Wholesaler);
            // Replay from the pack as it stood (its earlier events are outside this test): fold only the case-era events.
            Assert.Empty(ReplayFrom(start, world.Chains[Gtin + "/" + serial], world.Packs[serial], Find));
        }
        Assert.Empty(CaseLinks.Check(world.Cases.Values, world.Packs.Values));
    }

    [Fact]
    public void The_replay_finds_a_packed_pack_that_moved_alone_and_a_case_moved_by_another_party()
    {
        var world = PackedAtWholesaler("SN1");
        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1"), [], Wholesaler, Now));
        Party? Find(string gln) => new[] { Maker, Wholesaler, Pharmacy }.FirstOrDefault(p => p.Gln == gln);
        var packed = world.Packs["SN1"];
        var alone = LedgerEvents.Next(packed.Head, StreamKind.Pack, Gtin, "SN1", EventType.Shipped, Wholesaler.Gln, Now, Wholesaler.Gln, Pharmacy.Gln);
        var moved = PackLifecycle.Apply(packed, alone);
        var problems = ReplayFrom(Pack("SN1", Wholesaler), [.. world.Chains[Gtin + "/SN1"], alone], moved, Find);
        Assert.Contains(problems, v => v.Problem.Contains("packed in case", StringComparison.Ordinal));

        var stolen = LedgerEvents.Next(world.Cases[Case1.Value].Head, StreamKind.Case, "", Case1.Value, EventType.Shipped, Pharmacy.Gln, Now,
            Pharmacy.Gln, Maker.Gln);
        var replayed = ChainReplay.ReplayCase(Indexed([.. world.Chains[Case1.Value], stolen]), CaseLifecycle.Apply(world.Cases[Case1.Value], stolen), Find);
        Assert.Contains(replayed, v => v.Problem.Contains($"Only the holder of case (00) {Case1.Value} can ship it.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_links_check_names_a_child_that_is_not_where_its_case_is()
    {
        var world = PackedAtWholesaler("SN1", "SN2");
        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1", "SN2"), [], Wholesaler, Now));
        var edited = world.Packs.Values.Select(p => p.Serial == "SN2" ? p with { Custodian = Pharmacy.Gln } : p).ToList();

        var found = Assert.Single(CaseLinks.Check(world.Cases.Values, edited));
        Assert.Equal(("SN2", StreamKind.Pack), (found.Key, found.Stream));
        Assert.Contains("field custodian", found.Problem);

        var unpackedCase = world.Cases.Values.Select(c => c with { Status = CaseStatus.Unpacked }).ToList();
        Assert.Equal(2, CaseLinks.Check(unpackedCase, world.Packs.Values).Count(v => v.Problem.Contains("was unpacked", StringComparison.Ordinal)));
        Assert.Contains(CaseLinks.Check(world.Cases.Values, []), v => v.Problem.StartsWith("the case holds nothing", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_case_event_names_no_gtin_and_only_the_packing_step_is_new()
    {
        var world = ShippedPallet();
        world.Apply(CaseLifecycle.Move(world.Contents(Pallet.Value), CaseAction.Receive, null, Pharmacy, Now.AddHours(2)));
        world.Apply(CaseLifecycle.Unpack(world.Contents(Pallet.Value), Pharmacy, Now.AddHours(3)));

        var caseSteps = world.Steps.OfType<CaseStep.OfCase>().ToList();
        // Packed, aggregated into the pallet, shipped, received, disaggregated from it, unpacked: each kind is here.
        Assert.Equal([EventType.CasePacked, EventType.Aggregated, EventType.Shipped, EventType.Received, EventType.Disaggregated, EventType.CaseUnpacked],
            caseSteps.Select(c => c.Event.Type).Distinct());
        Assert.All(caseSteps, c => Assert.Equal("", c.Event.Gtin));
        Assert.All(caseSteps, c => Assert.Equal(c.Event.Type == EventType.CasePacked, c.IsNew));
    }

    [Fact]
    public void An_empty_case_is_unpacked_and_moved_on_its_own()
    {
        var world = PackedAtWholesaler("SN1");
        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1"), [], Wholesaler, Now));
        world.Apply(CaseLifecycle.Pack(Pallet, [], [world.Cases[Case1.Value]], Wholesaler, Now));
        var emptyCase = world.Contents(Case1.Value) with { Packs = [] };

        var alone = Assert.IsType<CaseDecision.Accepted>(CaseLifecycle.Unpack(new CaseContents(world.Cases[Pallet.Value], [], []), Wholesaler, Now));
        Assert.Equal(EventType.CaseUnpacked, Assert.Single(alone.Steps).Event.Type);
        var moved = Assert.IsType<CaseDecision.Accepted>(CaseLifecycle.Move(
            new CaseContents(world.Cases[Pallet.Value], [], []), CaseAction.Ship, Pharmacy.Gln, Wholesaler, Now));
        Assert.Single(moved.Steps);
        var withEmptyCase = Assert.IsType<CaseDecision.Accepted>(CaseLifecycle.Move(
            new CaseContents(world.Cases[Pallet.Value], [], [emptyCase]), CaseAction.Ship, Pharmacy.Gln, Wholesaler, Now));
        Assert.Equal(2, withEmptyCase.Steps.Count);
        // More cases inside than packs: each case still gets its step.
        var otherEmptyCase = emptyCase with { Case = emptyCase.Case with { Sscc = Case2.Value } };
        var withTwoEmptyCases = Assert.IsType<CaseDecision.Accepted>(CaseLifecycle.Move(
            new CaseContents(world.Cases[Pallet.Value], [], [emptyCase, otherEmptyCase]), CaseAction.Ship, Pharmacy.Gln, Wholesaler, Now));
        Assert.Equal([Pallet.Value, Case1.Value, Case2.Value], withTwoEmptyCases.Steps.Select(s => s.Event.Key));
    }

    [Fact]
    public void A_refused_shipment_carries_no_findings_but_a_receipt_by_a_party_it_was_not_sent_to_does()
    {
        var world = PackedAtWholesaler("SN1", "SN2");
        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1", "SN2"), [], Wholesaler, Now));
        var contents = world.Contents(Case1.Value);

        var ship = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Move(contents, CaseAction.Ship, Pharmacy.Gln, OtherWholesaler, Now));
        Assert.Equal($"Only the holder of case (00) {Case1.Value} can ship it.", ship.Message);
        Assert.Empty(ship.Packs);

        // Never shipped: a receipt elsewhere is a diversion sign, each pack's finding goes with the refusal.
        var receipt = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Move(contents, CaseAction.Receive, null, Pharmacy, Now));
        Assert.Equal("This case was not shipped to you.", receipt.Message);
        Assert.Equal(["SN1", "SN2"], receipt.Packs.Select(p => p.Pack.Serial).Order());
        Assert.All(receipt.Packs, p => Assert.NotNull(p.Finding));

        // An unpacked case is not a diversion sign: its packs move on their own.
        var unpacked = contents with { Case = contents.Case with { Status = CaseStatus.Unpacked } };
        var late = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Move(unpacked, CaseAction.Receive, null, Pharmacy, Now));
        Assert.Contains("was unpacked", late.Message);
        Assert.Empty(late.Packs);
    }

    [Fact]
    public void Several_refused_packs_are_counted_and_the_first_one_named()
    {
        var world = new World();
        world.Packs["SN1"] = Pack("SN1", Pharmacy);
        world.Packs["SN2"] = Pack("SN2", Pharmacy);
        var refused = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Pack(Case1, In(world, "SN1", "SN2"), [], Wholesaler, Now));
        Assert.Equal($"Nothing was packed: pack {Gtin}/SN1 cannot be packed (2 packs cannot be packed; the first is named): it is not in your stock.", refused.Message);
        Assert.Equal(2, refused.Packs.Count);
    }

    [Fact]
    public void A_pack_refusal_inside_a_moved_case_is_quoted_with_a_small_first_letter()
    {
        var world = PackedAtWholesaler("SN1");
        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1"), [], Wholesaler, Now));
        var contents = world.Contents(Case1.Value);
        var held = contents.Packs[0].Pack with { Status = PackStatus.Quarantined, HeldFrom = PackStatus.Active };
        var refused = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Move(
            contents with { Packs = [new PackInCase(held, Lot)] }, CaseAction.Ship, Pharmacy.Gln, Wholesaler, Now));
        Assert.Equal($"Nothing was shipped: pack {Gtin}/SN1 cannot be shipped: this pack is quarantined since {held.ChangedAt.UtcDateTime:yyyy-MM-dd} "
            + "while it is investigated; it cannot be shipped until it is released.", refused.Message);
    }

    [Fact]
    public void Receipts_and_unpackings_name_their_participle_when_a_pack_is_refused()
    {
        var world = ShippedPallet();
        var contents = world.Contents(Case2.Value) with { Case = world.Cases[Case2.Value] with { Parent = null } };
        var held = contents.Packs[0].Pack with { Status = PackStatus.Quarantined, HeldFrom = PackStatus.InTransit };
        var refused = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Move(
            contents with { Packs = [new PackInCase(held, Lot)] }, CaseAction.Receive, null, Pharmacy, Now));
        Assert.StartsWith($"Nothing was received: pack {Gtin}/SN3 cannot be received: this pack is quarantined", refused.Message);
    }

    [Fact]
    public void A_case_is_not_packed_into_itself_nor_a_case_that_cannot_move()
    {
        var world = PackedAtWholesaler("SN1");
        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1"), [], Wholesaler, Now));
        var self = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Pack(Case1, [], [world.Cases[Case1.Value]], Wholesaler, Now));
        Assert.Equal("A case cannot be packed into itself.", self.Message);
        var foreign = Assert.IsType<CaseDecision.Refused>(CaseLifecycle.Pack(Pallet, [], [world.Cases[Case1.Value]], OtherWholesaler, Now));
        Assert.Equal($"Case (00) {Case1.Value}: it is not in your stock.", foreign.Message);
    }

    [Fact]
    public void The_replay_names_a_pack_taken_out_of_another_case_or_packed_by_a_party_without_it()
    {
        var world = PackedAtWholesaler("SN1");
        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1"), [], Wholesaler, Now));
        Party? Find(string gln) => new[] { Maker, Wholesaler, Pharmacy }.FirstOrDefault(p => p.Gln == gln);
        var packed = world.Packs["SN1"];

        var wrongCase = LedgerEvents.Next(packed.Head, StreamKind.Pack, Gtin, "SN1", EventType.Disaggregated, Wholesaler.Gln, Now, from: Case2.Value);
        var problems = ReplayFrom(Pack("SN1", Wholesaler), [.. world.Chains[Gtin + "/SN1"], wrongCase], PackLifecycle.Apply(packed, wrongCase), Find);
        Assert.Contains(problems, v => v.Problem.EndsWith($"unpacked from case {Case2.Value}, but it is packed in {Case1.Value}", StringComparison.Ordinal));

        var start = Pack("SN1", Wholesaler);
        var foreign = LedgerEvents.Next(start.Head, StreamKind.Pack, Gtin, "SN1", EventType.Aggregated, Pharmacy.Gln, Now, to: Case1.Value);
        var foreignProblems = ReplayFrom(start, [foreign], PackLifecycle.Apply(start, foreign), Find);
        Assert.Contains(foreignProblems, v => v.Problem.EndsWith($"pack could not be packed by {Pharmacy.Gln}: it is not in your stock.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_replay_of_a_case_moved_by_another_party_names_the_holder_rule_before_the_pallet_it_names()
    {
        var world = PackedAtWholesaler("SN1");
        world.Apply(CaseLifecycle.Pack(Case1, In(world, "SN1"), [], Wholesaler, Now));
        Party? Find(string gln) => new[] { Maker, Wholesaler, Pharmacy }.FirstOrDefault(p => p.Gln == gln);
        var stolen = LedgerEvents.Next(world.Cases[Case1.Value].Head, StreamKind.Case, "", Case1.Value, EventType.Shipped, Pharmacy.Gln, Now,
            Pharmacy.Gln, Maker.Gln, reason: Pallet.Value);
        var replayed = ChainReplay.ReplayCase(Indexed([.. world.Chains[Case1.Value], stolen]), CaseLifecycle.Apply(world.Cases[Case1.Value], stolen), Find);
        Assert.Contains(replayed, v => v.Problem.Contains($"Only the holder of case (00) {Case1.Value} can ship it.", StringComparison.Ordinal));
        Assert.DoesNotContain(replayed, v => v.Problem.Contains("field reason", StringComparison.Ordinal));
    }

    private static List<(long, LedgerEvent)> Indexed(IEnumerable<LedgerEvent> events) => [.. events.Select((e, i) => ((long)i + 10, e))];

    // A chain replay needs a commissioning first: prepend a commissioned-and-received history the rules accept.
    private static IReadOnlyList<AuditViolation> ReplayFrom(PackState start, IReadOnlyList<LedgerEvent> caseEra, PackState stored, Func<string, Party?> find)
    {
        var commissioned = LedgerEvents.First(StreamKind.Pack, Gtin, start.Serial, EventType.Commissioned, Maker.Gln, "LOT42", Lot.Expiry, Now.AddDays(-5));
        var shipped = LedgerEvents.Next(new ChainHead(0, commissioned.Hash), StreamKind.Pack, Gtin, start.Serial, EventType.Shipped, Maker.Gln, Now.AddDays(-4), Maker.Gln, Wholesaler.Gln);
        var received = LedgerEvents.Next(new ChainHead(1, shipped.Hash), StreamKind.Pack, Gtin, start.Serial, EventType.Received, Wholesaler.Gln, Now.AddDays(-3), Maker.Gln, Wholesaler.Gln);
        // Re-link the case-era events onto this history (they were made on a synthetic head).
        var chain = new List<LedgerEvent> { commissioned, shipped, received };
        foreach (var e in caseEra)
            chain.Add(EventHasher.Seal(e with { PrevHash = chain[^1].Hash }));
        var timeline = new ChainReplay.LotTimeline();
        timeline.Add(0, Lot);
        var relinked = stored with { Head = new ChainHead(chain[^1].Seq, chain[^1].Hash), ChangedAt = chain[^1].OccurredAt, ChangedBy = chain[^1].Actor };
        return ChainReplay.ReplayPack(Indexed(chain), relinked, find, timeline);
    }
}
