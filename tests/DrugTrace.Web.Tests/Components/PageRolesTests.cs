using System.Reflection;
using DrugTrace.Application.Alerts;
using DrugTrace.Application.Audit;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Dashboard;
using DrugTrace.Application.Labels;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Packs;
using DrugTrace.Application.Products;
using DrugTrace.Application.Shipping;
using DrugTrace.Application.Stock;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Components.Pages.Alerts;
using DrugTrace.Web.Components.Pages.Custody;
using DrugTrace.Web.Components.Pages.Manufacturer;
using DrugTrace.Web.Components.Pages.Packs;
using DrugTrace.Web.Components.Pages.Regulator;
using DrugTrace.Web.Components.Pages.Scan;
using AuthorizeAttribute = Microsoft.AspNetCore.Authorization.AuthorizeAttribute;
using Microsoft.AspNetCore.Components;

namespace DrugTrace.Web.Tests.Components;

/// <summary>
/// The pages' [Authorize] roles held to the role matrix: a page is for exactly the roles its own
/// use case allows, or (a page that shows one party's view of a shared use case) for some of them,
/// never for a role the use case would refuse. A new page must be listed here.
/// </summary>
public sealed class PageRolesTests
{
    private static readonly PartyRole[] Handoffs =
        [.. RoleMatrix.All.Where(r => r.Action is not null).SelectMany(r => r.Roles).Distinct()];

    /// <summary>Each role-restricted page, the use case it is for, and whether the page narrows it to some roles.</summary>
    private static readonly Dictionary<Type, (Type UseCase, bool Narrower)> Pages = new()
    {
        [typeof(Products)] = (typeof(RegisterProduct), false),
        [typeof(ProductLots)] = (typeof(RegisterLot), false),
        [typeof(LotPacks)] = (typeof(GetLotPacks), false),
        [typeof(LotLabels)] = (typeof(GetPackForLabel), false),
        [typeof(Stock)] = (typeof(GetStock), false),
        [typeof(Shipments)] = (typeof(ListShipments), false),
        [typeof(History)] = (typeof(GetPackHistory), false),
        [typeof(AlertDetail)] = (typeof(GetAlert), false),
        [typeof(Audit)] = (typeof(AuditLedger), false),
        [typeof(Dashboard)] = (typeof(GetDashboard), false),
        [typeof(Checkpoints)] = (typeof(GetRecentCheckpoints), false),
        // One party's view of the alert list: a trading party's own alerts, a regulator's live feed and custody exceptions.
        [typeof(MyAlerts)] = (typeof(ListAlerts), true),
        [typeof(LiveAlerts)] = (typeof(ListAlerts), true),
        [typeof(CustodyExceptions)] = (typeof(ListAlerts), true),
        // Trading parties' view of cases (packing is for manufacturers and wholesalers; any party may open one).
        [typeof(DrugTrace.Web.Components.Pages.Custody.Cases)] = (typeof(DrugTrace.Application.Cases.GetCase), true),
        // The regulator's search opens any pack's history.
        [typeof(PackSearch)] = (typeof(GetPackHistory), true),
    };

    private static PartyRole[] RolesOf(Type page) =>
        [.. page.GetCustomAttribute<AuthorizeAttribute>()!.Roles!.Split(',').Select(r => Enum.Parse<PartyRole>(r.Trim())).Order()];

    [Fact]
    public void Every_page_for_some_roles_is_held_to_the_matrix()
    {
        var restricted = typeof(Workspace).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes<RouteAttribute>().Any() && t.GetCustomAttribute<AuthorizeAttribute>()?.Roles is { Length: > 0 })
            .Where(t => t != typeof(Workspace));
        Assert.Empty(restricted.Except(Pages.Keys).Select(t => t.Name));
    }

    [Fact]
    public void A_page_is_for_the_roles_its_use_case_allows_and_never_for_one_it_refuses()
    {
        foreach (var (page, (useCase, narrower)) in Pages)
        {
            var allowed = RoleMatrix.For(useCase)!.Roles.Order().ToArray();
            var roles = RolesOf(page);
            Assert.True(roles.All(allowed.Contains), $"{page.Name} lets {string.Join(", ", roles.Except(allowed))} in, whom {useCase.Name} refuses");
            if (!narrower) Assert.True(allowed.SequenceEqual(roles), $"{page.Name} is for {string.Join(", ", roles)}, {useCase.Name} for {string.Join(", ", allowed)}");
        }
    }

    [Fact]
    public void The_scan_workspace_is_for_every_role_that_may_scan_a_handoff() =>
        Assert.Equal(Handoffs.Order(), RolesOf(typeof(Workspace)));
}
