using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Tests.Cases;

/// <summary>CaseLifecycle's rules one by one: who may ask, what stops a case or pack, how an event folds into a case.</summary>
public sealed class CaseRulesTests
{
    private const string Holder = "4098765000001";
    private const string Other = "4055555000003";
    private const string Sscc1 = "340987650000000017";
    private const string PalletSscc = "340987650000000031";
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);

    private static CaseState Case(CaseStatus status = CaseStatus.Active, string custodian = Holder, string? shipTo = null, string? parent = null) => new()
    {
        Sscc = Sscc1, Status = status, Custodian = custodian, ShipTo = shipTo, Parent = parent, PackedBy = Holder, PackedAt = Now.AddDays(-2),
        ChangedBy = Holder, ChangedAt = new DateTimeOffset(2026, 3, 12, 23, 30, 0, TimeSpan.FromHours(-2)), Head = new ChainHead(1, Hash256.Zero),
    };

    [Theory]
    [InlineData(PartyRole.Manufacturer, true, true, false, true)]
    [InlineData(PartyRole.Wholesaler, true, true, true, true)]
    [InlineData(PartyRole.Pharmacy, false, false, true, true)]
    [InlineData(PartyRole.Regulator, false, false, false, false)]
    public void Each_role_may_ask_for_its_case_operations_only(PartyRole role, bool pack, bool ship, bool receive, bool unpack)
    {
        Assert.Equal(pack, CaseLifecycle.IsAllowed(role, CaseAction.Pack));
        Assert.Equal(ship, CaseLifecycle.IsAllowed(role, CaseAction.Ship));
        Assert.Equal(receive, CaseLifecycle.IsAllowed(role, CaseAction.Receive));
        Assert.Equal(unpack, CaseLifecycle.IsAllowed(role, CaseAction.Unpack));
        Assert.False(CaseLifecycle.IsAllowed(role, (CaseAction)99));
    }

    [Theory]
    [InlineData(EventType.Shipped, CaseAction.Ship)]
    [InlineData(EventType.Received, CaseAction.Receive)]
    [InlineData(EventType.Aggregated, CaseAction.Pack)]
    [InlineData(EventType.Disaggregated, CaseAction.Unpack)]
    [InlineData(EventType.CaseUnpacked, CaseAction.Unpack)]
    [InlineData(EventType.CasePacked, null)]
    [InlineData(EventType.Dispensed, null)]
    public void Each_case_event_comes_from_one_case_operation(EventType type, CaseAction? action) =>
        Assert.Equal(action, CaseLifecycle.ActionOf(type));

    [Theory]
    [InlineData(CaseAction.Ship)]
    [InlineData(CaseAction.Receive)]
    [InlineData(CaseAction.Unpack)]
    [InlineData(CaseAction.Pack)]
    public void An_unpacked_case_is_done_with_for_every_operation(CaseAction action) =>
        Assert.Equal($"Case (00) {Sscc1} was unpacked on 2026-03-13; its packs move on their own now.",
            CaseLifecycle.Check(Case(CaseStatus.Unpacked), action, Holder, Other));

    [Fact]
    public void A_case_in_a_pallet_moves_only_with_that_pallet()
    {
        var inPallet = Case(parent: PalletSscc);
        Assert.Equal($"Case (00) {Sscc1} is packed in pallet (00) {PalletSscc}; unpack the pallet first.", CaseLifecycle.Check(inPallet, CaseAction.Unpack, Holder, null));
        Assert.Equal($"Case (00) {Sscc1} is packed in pallet (00) {PalletSscc}; ship the pallet, or unpack it first.", CaseLifecycle.Check(inPallet, CaseAction.Ship, Holder, Other));
        Assert.Equal($"Case (00) {Sscc1} is packed in pallet (00) {PalletSscc}; ship the pallet, or unpack it first.",
            CaseLifecycle.Check(inPallet, CaseAction.Ship, Holder, Other, "340987650000000048"));
        Assert.Null(CaseLifecycle.Check(inPallet, CaseAction.Ship, Holder, Other, PalletSscc));
        Assert.Null(CaseLifecycle.Check(inPallet, CaseAction.Pack, Holder, null));
        var inTransit = Case(CaseStatus.InTransit, shipTo: Other, parent: PalletSscc);
        Assert.Equal($"Case (00) {Sscc1} is packed in pallet (00) {PalletSscc}; receive the pallet, or unpack it first.", CaseLifecycle.Check(inTransit, CaseAction.Receive, Other, null));
        Assert.Null(CaseLifecycle.Check(inTransit, CaseAction.Receive, Other, null, PalletSscc));
        Assert.Equal($"Case (00) {Sscc1} is packed in pallet (00) {PalletSscc}; unpack the pallet first.", CaseLifecycle.Check(inPallet, CaseAction.Unpack, Holder, null, PalletSscc));
    }

    [Fact]
    public void Receiving_needs_a_case_shipped_to_the_receiver()
    {
        Assert.Equal("This case is already in your stock.", CaseLifecycle.Check(Case(), CaseAction.Receive, Holder, null));
        Assert.Equal("This case was not shipped to you.", CaseLifecycle.Check(Case(), CaseAction.Receive, Other, null));
        Assert.Equal("This case was not shipped to you.", CaseLifecycle.Check(Case(CaseStatus.InTransit, shipTo: "4055555000010"), CaseAction.Receive, Other, null));
        Assert.Null(CaseLifecycle.Check(Case(CaseStatus.InTransit, shipTo: Other), CaseAction.Receive, Other, null));
    }

    [Fact]
    public void Only_the_holder_ships_or_unpacks_a_case_that_is_not_on_its_way()
    {
        Assert.Equal($"Only the holder of case (00) {Sscc1} can ship it.", CaseLifecycle.Check(Case(), CaseAction.Ship, Other, Holder));
        Assert.Equal($"Only the holder of case (00) {Sscc1} can unpack it.", CaseLifecycle.Check(Case(), CaseAction.Unpack, Other, null));
        Assert.Equal($"Only the holder of case (00) {Sscc1} can pack it.", CaseLifecycle.Check(Case(), CaseAction.Pack, Other, null));
        Assert.Equal($"Case (00) {Sscc1} is on its way to another party.", CaseLifecycle.Check(Case(CaseStatus.InTransit, shipTo: Other), CaseAction.Ship, Holder, Other));
        Assert.Equal($"Case (00) {Sscc1} is on its way to another party.", CaseLifecycle.Check(Case(CaseStatus.InTransit, shipTo: Other), CaseAction.Unpack, Holder, null));
        Assert.Null(CaseLifecycle.Check(Case(), CaseAction.Unpack, Holder, null));
        Assert.Null(CaseLifecycle.Check(Case(), CaseAction.Pack, Holder, null));
    }

    [Theory]
    [InlineData(null, "A shipment needs the GLN of the party it goes to.")]
    [InlineData("", "A shipment needs the GLN of the party it goes to.")]
    [InlineData(Holder, "A case cannot be shipped to its own holder.")]
    [InlineData(Other, null)]
    public void A_shipment_needs_a_recipient_other_than_the_holder(string? to, string? problem) =>
        Assert.Equal(problem, CaseLifecycle.Check(Case(), CaseAction.Ship, Holder, to));

    private static PackState Pack(PackStatus status = PackStatus.Active, string custodian = Holder, string? parent = null) => new()
    {
        Gtin = "09506000134352", Serial = "SN1", Lot = "LOT42", Expiry = new DateOnly(2027, 6, 30), Status = status, Custodian = custodian,
        Parent = parent, ChangedBy = custodian, ChangedAt = Now, Head = new ChainHead(1, Hash256.Zero),
    };

    [Fact]
    public void A_pack_is_packed_only_when_active_free_held_and_of_a_lot_not_recalled()
    {
        var lot = new LotState("09506000134352", "LOT42", new DateOnly(2027, 6, 30), Holder, new ChainHead(0, Hash256.Zero));
        Assert.Null(CaseLifecycle.CanAggregate(Pack(), lot, Holder));
        Assert.Null(CaseLifecycle.CanAggregate(Pack(), null, Holder));
        Assert.Equal($"it is already packed in case (00) {Sscc1}.", CaseLifecycle.CanAggregate(Pack(parent: Sscc1), lot, Holder));
        Assert.Equal("it is not in your stock.", CaseLifecycle.CanAggregate(Pack(), lot, Other));
        Assert.Equal($"it is {PackLifecycle.DescribeStatus(PackStatus.Dispensed)}; only an active pack in your stock can be packed.",
            CaseLifecycle.CanAggregate(Pack(PackStatus.Dispensed), lot, Holder));
        Assert.Equal("its lot is recalled.", CaseLifecycle.CanAggregate(Pack(), lot with { RecalledAt = Now }, Holder));
    }

    [Fact]
    public void A_case_is_packed_into_a_pallet_only_when_active_free_and_held()
    {
        Assert.Null(CaseLifecycle.CanAggregate(Case(), Holder));
        Assert.Equal("it was unpacked.", CaseLifecycle.CanAggregate(Case(CaseStatus.Unpacked, parent: PalletSscc), Holder));
        Assert.Equal($"it is already packed in pallet (00) {PalletSscc}.", CaseLifecycle.CanAggregate(Case(parent: PalletSscc), Holder));
        Assert.Equal("it is not in your stock.", CaseLifecycle.CanAggregate(Case(), Other));
        Assert.Equal("it is on its way to another party.", CaseLifecycle.CanAggregate(Case(CaseStatus.InTransit, shipTo: Other), Holder));
    }

    private static LedgerEvent Event(EventType type, StreamKind stream = StreamKind.Case, string? from = null, string? to = null) => new()
    {
        Stream = stream, Gtin = "", Key = Sscc1, Seq = 2, Type = type, Actor = Other, From = from, To = to,
        OccurredAt = Now, RecordedAt = Now.AddMinutes(1), PrevHash = Hash256.Zero, Hash = Hash256.FromHex(new string('a', 64)),
    };

    [Fact]
    public void Each_case_event_folds_into_the_case_with_its_head_and_who_changed_it_when()
    {
        var before = Case(CaseStatus.InTransit, shipTo: Other);
        var head = new ChainHead(2, Hash256.FromHex(new string('a', 64)));
        var changed = before with { Head = head, ChangedBy = Other, ChangedAt = Now };
        Assert.Equal(changed with { Status = CaseStatus.Active, Custodian = Other, ShipTo = null }, CaseLifecycle.Apply(before, Event(EventType.Received)));
        Assert.Equal(changed with { Status = CaseStatus.InTransit, ShipTo = "4055555000010" }, CaseLifecycle.Apply(before, Event(EventType.Shipped, to: "4055555000010")));
        Assert.Equal(changed with { Parent = PalletSscc }, CaseLifecycle.Apply(before, Event(EventType.Aggregated, to: PalletSscc)));
        Assert.Equal(changed with { Parent = null }, CaseLifecycle.Apply(before with { Parent = PalletSscc }, Event(EventType.Disaggregated, from: PalletSscc)));
        Assert.Equal(changed with { Status = CaseStatus.Unpacked }, CaseLifecycle.Apply(before, Event(EventType.CaseUnpacked)));
        var packed = CaseLifecycle.Apply(null, Event(EventType.CasePacked));
        Assert.Equal(new CaseState
        {
            Sscc = Sscc1, Status = CaseStatus.Active, Custodian = Other, PackedBy = Other, PackedAt = Now, ChangedBy = Other, ChangedAt = Now, Head = head,
        }, packed);
    }

    [Fact]
    public void A_fold_that_cannot_be_is_refused_in_words()
    {
        Assert.Equal("Only case events change a case.\u0020(Parameter 'e')",
            Assert.Throws<ArgumentException>(() => CaseLifecycle.Apply(Case(), Event(EventType.Shipped, StreamKind.Pack))).Message);
        Assert.Equal($"Case {Sscc1} is already packed.", Assert.Throws<InvalidOperationException>(() => CaseLifecycle.Apply(Case(), Event(EventType.CasePacked))).Message);
        Assert.Equal($"Case {Sscc1} has no packing event.", Assert.Throws<InvalidOperationException>(() => CaseLifecycle.Apply(null, Event(EventType.Shipped))).Message);
        Assert.Equal($"Case {Sscc1} is packed into no pallet.", Assert.Throws<InvalidOperationException>(() => CaseLifecycle.Apply(Case(), Event(EventType.Aggregated))).Message);
        Assert.Equal("Dispensed is not a case event.", Assert.Throws<InvalidOperationException>(() => CaseLifecycle.Apply(Case(), Event(EventType.Dispensed))).Message);
    }

    [Fact]
    public void Moving_is_shipping_or_receiving_only_and_by_the_roles_that_may()
    {
        var contents = new CaseContents(Case(), [], []);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CaseLifecycle.Move(contents, CaseAction.Unpack, null, new Party(Holder, "W", PartyRole.Wholesaler), Now));
        Assert.StartsWith("Only ship and receive move a case.", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseLifecycle.Move(contents, CaseAction.Pack, null, new Party(Holder, "W", PartyRole.Wholesaler), Now));
        Assert.Equal(new CaseDecision.Refused("A pharmacy may not ship cases."),
            CaseLifecycle.Move(contents, CaseAction.Ship, Other, new Party(Holder, "P", PartyRole.Pharmacy), Now));
        Assert.Equal(new CaseDecision.Refused("A manufacturer may not receive cases."),
            CaseLifecycle.Move(contents, CaseAction.Receive, null, new Party(Holder, "M", PartyRole.Manufacturer), Now));
        Assert.Equal(new CaseDecision.Refused("A regulator may not unpack cases."),
            CaseLifecycle.Unpack(contents, new Party(Holder, "R", PartyRole.Regulator), Now));
    }
}
