using System.Reflection;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Decommissioning;
using DrugTrace.Application.Dispensing;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Shipping;
using DrugTrace.Application.Verification;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Tests.Common.Security;

public class RoleMatrixTests
{
    private static readonly Type[] UseCases =
    [
        .. typeof(RoleMatrix).Assembly.GetTypes().Where(t => !t.IsAbstract && t.GetInterfaces().Any(i =>
            i == typeof(IBaseRequest) || (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))),
    ];

    [Fact]
    public void Every_use_case_has_exactly_one_row()
    {
        Assert.NotEmpty(UseCases);
        var missing = UseCases.Where(t => !RoleMatrix.All.Any(r => r.Request == t)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, $"Not in the role matrix: {string.Join(", ", missing)}");
        Assert.Equal(RoleMatrix.All.Count, RoleMatrix.All.Select(r => r.Request).Distinct().Count());
        Assert.All(RoleMatrix.All, r => Assert.Contains(r.Request, UseCases));
    }

    [Fact]
    public void No_use_case_declares_its_roles_a_second_time()
    {
        var declared = UseCases.Where(t => t.GetCustomAttribute<AuthorizeAttribute>() is not null).Select(t => t.Name).ToList();
        Assert.True(declared.Count == 0, $"Roles are the matrix's: {string.Join(", ", declared)}");
    }

    [Fact]
    public void Only_a_use_case_without_an_actor_is_public_and_every_other_one_needs_one()
    {
        foreach (var row in RoleMatrix.All)
            Assert.Equal(!row.IsPublic, typeof(IActorRequest).IsAssignableFrom(row.Request));
    }

    [Fact]
    public void A_handoffs_roles_are_the_domains()
    {
        var handoffs = RoleMatrix.All.Where(r => r.Action is not null).ToList();
        Assert.Equal(11, handoffs.Count);
        foreach (var row in handoffs)
            foreach (var role in Enum.GetValues<PartyRole>())
                Assert.Equal(PackLifecycle.IsAllowed(role, row.Action!.Value), row.Allows(role));
    }

    [Theory]
    // Anyone may ask to quarantine, release or confirm: custody (holder, recipient, quarantiner, regulator) decides per pack.
    [InlineData(PartyRole.Regulator, "Verify Quarantine Release ConfirmIllegitimate")]
    [InlineData(PartyRole.Manufacturer, "Verify Ship Decommission Unlock Quarantine Release ConfirmIllegitimate")]
    [InlineData(PartyRole.Wholesaler, "Verify Receive Ship Decommission Unlock Quarantine Release ConfirmIllegitimate")]
    [InlineData(PartyRole.Pharmacy, "Verify Receive Dispense UndoDispense Decommission Unlock Quarantine Release ConfirmIllegitimate")]
    public void The_scan_menu_of_a_role_is_what_it_may_ask_for(PartyRole role, string actions) =>
        Assert.Equal(actions, string.Join(' ', RoleMatrix.ScanActionsFor(role)));

    [Fact]
    public void The_rows_say_what_the_attributes_used_to()
    {
        Assert.Equal([PartyRole.Pharmacy], RoleMatrix.For(typeof(DispensePack))!.Roles);
        Assert.Equal([PartyRole.Pharmacy], RoleMatrix.For(typeof(UndoDispense))!.Roles);
        Assert.Equal([PartyRole.Manufacturer, PartyRole.Wholesaler], RoleMatrix.For(typeof(ShipPack))!.Roles);
        Assert.Equal([PartyRole.Wholesaler, PartyRole.Pharmacy], RoleMatrix.For(typeof(ReceiveDelivery))!.Roles);
        Assert.Equal([PartyRole.Manufacturer, PartyRole.Wholesaler, PartyRole.Pharmacy], RoleMatrix.For(typeof(DecommissionPack))!.Roles);
        Assert.True(RoleMatrix.For(typeof(VerifyPack))!.AnyParty);
        Assert.Equal([PartyRole.Manufacturer], RoleMatrix.For(typeof(RecallLot))!.Roles);
        Assert.True(RoleMatrix.For(typeof(VerifyPublicly))!.IsPublic);
    }
}
