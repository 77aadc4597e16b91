using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Web.Components.Pages.Scan;

/// <summary>What each role may do with a scanned pack, in the words of the API's scan actions.</summary>
public static class ScanActions
{
    public static IReadOnlyList<(string Action, string Label)> For(PartyRole role) =>
    [
        .. All.Where(a => role switch
        {
            PartyRole.Regulator => a.Action is "verify",
            PartyRole.Manufacturer => a.Action is "verify" or "ship" or "decommission" or "unlock",
            PartyRole.Wholesaler => a.Action is "verify" or "receive" or "ship" or "decommission" or "unlock",
            PartyRole.Pharmacy => a.Action is not "ship",
            _ => false,
        }),
    ];

    private static readonly (string Action, string Label)[] All =
    [
        ("verify", "Verify"),
        ("receive", "Receive"),
        ("ship", "Ship to…"),
        ("dispense", "Dispense"),
        ("undo-dispense", "Undo dispense"),
        ("decommission", "Decommission"),
        ("unlock", "Unlock"),
    ];

    public static IReadOnlyList<(string Value, string Label)> Reasons { get; } =
        [.. Enum.GetValues<DecommissionReason>().Select(r => (PackLifecycle.ReasonText(r), r switch
        {
            DecommissionReason.Destroyed => "Destroyed",
            DecommissionReason.Stolen => "Stolen",
            DecommissionReason.Sample => "Sample (for the authorities)",
            DecommissionReason.FreeSample => "Free sample",
            DecommissionReason.Exported => "Exported outside the EU",
            DecommissionReason.Locked => "Locked (set aside, can be unlocked)",
            _ => r.ToString(),
        }))];
}
