using Bunit;
using DrugTrace.Application.Dispensing;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using DrugTrace.Web.Components.Pages.Scan;
using DrugTrace.Web.Infrastructure;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Components.Pages.Scan;

public sealed class OfflineScanQueueTests : UiContext
{
    private static readonly SignedInUser Pharmacist = new("Eva Brandt", Demo.PharmacyGln, "Linden-Apotheke", PartyRole.Pharmacy);

    public OfflineScanQueueTests() => WithFakeUseCases();

    private static T Prop<T>(object o, string name) => (T)o.GetType().GetProperty(name)!.GetValue(o)!;

    [Fact]
    public void The_script_learns_the_action_its_destination_only_when_shipping_and_each_change_once()
    {
        var cut = Render<OfflineScanQueue>(p => p.Add(c => c.User, Pharmacist).Add(c => c.Limit, 7)
            .Add(c => c.Action, PackAction.Dispense).Add(c => c.ActionLabel, "Dispense").Add(c => c.To, "4012346000015"));

        var attach = JSInterop.Invocations["drugTraceOffline.attach"].Single().Arguments[1]!;
        Assert.Equal(("Eva Brandt", Demo.PharmacyGln, 7), (Prop<string>(attach, "user"), Prop<string>(attach, "gln"), Prop<int>(attach, "limit")));
        var first = JSInterop.Invocations["drugTraceOffline.setContext"].Single().Arguments[0]!;
        Assert.Equal(("dispense", "Dispense", null), (Prop<string>(first, "action"), Prop<string>(first, "label"), (string?)first.GetType().GetProperty("to")!.GetValue(first)));

        cut.Render(p => p.Add(c => c.Action, PackAction.Ship).Add(c => c.ActionLabel, "Ship to…"));
        cut.Render(p => p.Add(c => c.Action, PackAction.Ship).Add(c => c.ActionLabel, "Ship to…"));

        var contexts = JSInterop.Invocations["drugTraceOffline.setContext"];
        Assert.Equal(2, contexts.Count);
        Assert.Equal(("ship", "4012346000015"), (Prop<string>(contexts[1].Arguments[0]!, "action"), Prop<string>(contexts[1].Arguments[0]!, "to")));
    }

    [Fact]
    public async Task A_replayed_scan_is_handed_to_the_page_and_listed_an_unknown_action_is_refused_in_words()
    {
        UseCases.On<DispensePack>(_ => new ScanOutcome(ScanOutcome.Ok, "Dispensed.", null, [], null));
        var handed = new List<ScanEntry>();
        var cut = Render<OfflineScanQueue>(p => p.Add(c => c.User, Pharmacist).Add(c => c.OnReplayed, (ScanEntry e) => handed.Add(e)));
        var at = new DateTimeOffset(2026, 12, 1, 23, 5, 7, TimeSpan.Zero);

        var ok = await cut.InvokeAsync(() => cut.Instance.ReplayQueuedAsync(new QueuedScan("q1", Demo.PharmacyGln, "(01)04012345000115(21)SN1", "dispense", null, null, at)));
        var odd = await cut.InvokeAsync(() => cut.Instance.ReplayQueuedAsync(new QueuedScan("q2", Demo.PharmacyGln, "(01)04012345000115(21)SN2", "teleport", null, null, at)));

        Assert.Equal(("done", "done"), (ok, odd));
        Assert.Equal([(PackAction.Dispense, true, true), (PackAction.Verify, false, true)], handed.Select(e => (e.Action, e.Outcome is not null, e.Queued)));
        Assert.Contains("not an action", handed[1].Problem);
        Assert.Single(UseCases.Sent);
        Assert.Equal(2, cut.FindAll("[data-testid=reconciled]").Count);
    }
}
