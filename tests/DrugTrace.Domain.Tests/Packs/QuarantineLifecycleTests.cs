using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Tests.Packs;

/// <summary>Suspect product (DSCSA): quarantine, release to the previous state, confirmation as illegitimate.</summary>
public class QuarantineLifecycleTests
{
    private const string Gtin = "09506000134352";
    private static readonly Party Maker = new("4012345000009", "Acme Pharma", PartyRole.Manufacturer);
    private static readonly Party Wholesaler = new("4098765000001", "Big Wholesale", PartyRole.Wholesaler);
    private static readonly Party Pharmacy = new("4055555000003", "Corner Pharmacy", PartyRole.Pharmacy);
    private static readonly Party OtherPharmacy = new("4055555000010", "High Street Pharmacy", PartyRole.Pharmacy);
    private static readonly Party Regulator = new("4000000000009", "Medicines Agency", PartyRole.Regulator);
    private static readonly DateOnly Expiry = new(2027, 6, 30);
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 10, 0, 0, TimeSpan.Zero);
    private static readonly LotState Lot = new(Gtin, "LOT42", Expiry, Maker.Gln, new ChainHead(0, Hash256.Zero));

    private static PackState Active(Party holder) => new()
    {
        Gtin = Gtin, Serial = "SN1", Lot = "LOT42", Expiry = Expiry, Status = PackStatus.Active,
        Custodian = holder.Gln, ChangedBy = holder.Gln, ChangedAt = Now.AddDays(-3), Head = new ChainHead(2, Hash256.Zero),
    };

    private static PackState InTransit(Party from, Party to) => Active(from) with { Status = PackStatus.InTransit, ShipTo = to.Gln };

    private static PackCommand Quarantine(string? why = "seal broken, tablets discoloured") => new(PackAction.Quarantine, Note: why);

    private static PackState Step(PackState pack, PackCommand command, Party actor, DateTimeOffset at)
    {
        var accepted = Assert.IsType<Decision.Accepted>(PackLifecycle.Decide(pack, Lot, command, actor, at));
        var e = LedgerEvents.Next(pack.Head, StreamKind.Pack, pack.Gtin, pack.Serial, accepted.Type, actor.Gln, at,
            accepted.From, accepted.To, accepted.Reason);
        return PackLifecycle.Apply(pack, e);
    }

    private static string Refusal(PackState pack, PackCommand command, Party actor)
    {
        var refused = Assert.IsType<Decision.Refused>(PackLifecycle.Decide(pack, Lot, command, actor, Now));
        Assert.Null(refused.Finding);
        return refused.Message;
    }

    [Fact]
    public void A_holder_quarantines_with_a_reason_and_the_event_carries_it()
    {
        var accepted = Assert.IsType<Decision.Accepted>(PackLifecycle.Decide(Active(Pharmacy), Lot, Quarantine("  seal broken "), Pharmacy, Now));
        Assert.Equal(new Decision.Accepted(EventType.Quarantined, null, null, "seal broken"), accepted);

        var held = Step(Active(Pharmacy), Quarantine(), Pharmacy, Now);
        Assert.Equal((PackStatus.Quarantined, PackStatus.Active, Pharmacy.Gln, Pharmacy.Gln), (held.Status, held.HeldFrom, held.Custodian, held.ChangedBy));
        Assert.Equal("Quarantined", PackLifecycle.EffectiveStatus(held, Lot with { RecalledAt = Now, RecallReason = "x" }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_quarantine_without_a_reason_is_refused(string? why) =>
        Assert.Contains("why", Refusal(Active(Pharmacy), Quarantine(why), Pharmacy));

    [Fact]
    public void Release_goes_back_to_the_state_before_the_quarantine_shipment_included()
    {
        var held = Step(InTransit(Wholesaler, Pharmacy), Quarantine(), Pharmacy, Now);
        Assert.Equal((PackStatus.Quarantined, PackStatus.InTransit), (held.Status, held.HeldFrom));

        var released = Step(held, new PackCommand(PackAction.Release), Pharmacy, Now.AddHours(2));
        Assert.Equal((PackStatus.InTransit, (PackStatus?)null, Wholesaler.Gln, Pharmacy.Gln),
            (released.Status, released.HeldFrom, released.Custodian, released.ShipTo));
        // ... and the shipment can be received as if nothing had happened.
        var received = Step(released, new PackCommand(PackAction.Receive), Pharmacy, Now.AddHours(3));
        Assert.Equal((PackStatus.Active, Pharmacy.Gln), (received.Status, received.Custodian));
    }

    [Fact]
    public void A_regulator_may_quarantine_release_and_confirm_any_pack()
    {
        var held = Step(Active(Wholesaler), Quarantine(), Regulator, Now);
        Assert.Equal(PackStatus.Quarantined, held.Status);
        Assert.Equal(PackStatus.Active, Step(held, new PackCommand(PackAction.Release), Regulator, Now.AddHours(1)).Status);

        var byPharmacy = Step(Active(Pharmacy), Quarantine(), Pharmacy, Now);
        Assert.Equal(PackStatus.Illegitimate, Step(byPharmacy, new PackCommand(PackAction.ConfirmIllegitimate), Regulator, Now.AddHours(1)).Status);
    }

    [Fact]
    public void An_uninvolved_party_may_neither_quarantine_nor_release_and_is_not_told_who_holds_the_pack()
    {
        var message = Refusal(Active(Pharmacy), Quarantine(), OtherPharmacy);
        Assert.DoesNotContain(Pharmacy.Gln, message);
        Assert.DoesNotContain(Pharmacy.Name, message);

        var held = Step(Active(Pharmacy), Quarantine(), Pharmacy, Now);
        Assert.Contains("quarantined this pack or a regulator", Refusal(held, new PackCommand(PackAction.Release), OtherPharmacy));
        Assert.Contains("quarantined this pack or a regulator", Refusal(held, new PackCommand(PackAction.ConfirmIllegitimate), Wholesaler));
    }

    [Fact]
    public void The_recipient_of_a_shipment_may_quarantine_it_before_receiving()
    {
        var held = Step(InTransit(Wholesaler, Pharmacy), Quarantine(), Pharmacy, Now);
        Assert.Equal(Pharmacy.Gln, held.ChangedBy);
        // The sender, still its custodian, may not release what the recipient set aside.
        Assert.Contains("quarantined this pack", Refusal(held, new PackCommand(PackAction.Release), Wholesaler));
    }

    [Theory]
    [InlineData(PackAction.Ship)]
    [InlineData(PackAction.Receive)]
    [InlineData(PackAction.Dispense)]
    [InlineData(PackAction.Decommission)]
    [InlineData(PackAction.Quarantine)]
    public void A_quarantined_pack_does_not_move(PackAction action)
    {
        var held = Step(Active(Wholesaler), Quarantine(), Wholesaler, Now);
        var actor = action is PackAction.Dispense ? Pharmacy : Wholesaler;
        var command = new PackCommand(action, To: Pharmacy.Gln, Reason: DecommissionReason.Destroyed, Note: "again");
        var message = Refusal(held, command, actor);
        Assert.Contains("quarantined", message);
    }

    [Fact]
    public void Confirmation_decommissions_the_pack_as_illegitimate_for_good()
    {
        var held = Step(InTransit(Wholesaler, Pharmacy), Quarantine(), Pharmacy, Now);
        var gone = Step(held, new PackCommand(PackAction.ConfirmIllegitimate, Note: "lab: no active ingredient"), Pharmacy, Now.AddDays(1));
        Assert.Equal((PackStatus.Illegitimate, (PackStatus?)null, (string?)null), (gone.Status, gone.HeldFrom, gone.ShipTo));
        Assert.False(PackLifecycle.IsInSupplyChain(gone.Status));

        var again = Assert.IsType<Decision.Refused>(PackLifecycle.Decide(gone, Lot, new PackCommand(PackAction.Release), Pharmacy, Now.AddDays(2)));
        Assert.Contains("Only a quarantined pack", again.Message);
        var ship = Assert.IsType<Decision.Refused>(PackLifecycle.Decide(gone, Lot, new PackCommand(PackAction.Receive), Pharmacy, Now.AddDays(2)));
        Assert.Equal(DrugTrace.Domain.Alerts.AlertKind.AlreadyInactive, ship.Finding?.Kind);
    }

    [Theory]
    [InlineData(PackStatus.Dispensed)]
    [InlineData(PackStatus.Destroyed)]
    [InlineData(PackStatus.Exported)]
    public void Only_active_or_in_transit_packs_can_be_quarantined(PackStatus status) =>
        Assert.Contains("Only an active or in-transit pack", Refusal(Active(Pharmacy) with { Status = status }, Quarantine(), Pharmacy));

    [Fact]
    public void A_locked_pack_is_unlocked_before_anything_else() =>
        Assert.Contains("unlocked first", Refusal(Active(Pharmacy) with { Status = PackStatus.Locked }, Quarantine(), Pharmacy));

    [Fact]
    public void Release_and_confirmation_need_a_quarantined_pack() =>
        Assert.Contains("Only a quarantined pack can be released", Refusal(Active(Pharmacy), new PackCommand(PackAction.Release), Pharmacy));

    [Fact]
    public void Deciding_is_pure_the_same_inputs_give_the_same_answer()
    {
        var pack = Active(Pharmacy);
        Assert.Equal(PackLifecycle.Decide(pack, Lot, Quarantine(), Pharmacy, Now), PackLifecycle.Decide(pack, Lot, Quarantine(), Pharmacy, Now));
        Assert.Equal(Active(Pharmacy), pack);
    }

    [Fact]
    public void A_release_event_without_a_quarantine_before_it_cannot_be_folded()
    {
        var e = LedgerEvents.Next(Active(Pharmacy).Head, StreamKind.Pack, Gtin, "SN1", EventType.Released, Pharmacy.Gln, Now);
        Assert.Throws<InvalidOperationException>(() => PackLifecycle.Apply(Active(Pharmacy), e));
    }
}
