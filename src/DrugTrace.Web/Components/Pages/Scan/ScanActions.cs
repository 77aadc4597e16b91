using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Wire;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Web.Components.Pages.Scan;

/// <summary>
/// What each role may do with a scanned pack, as the scan workspace offers it: the actions come
/// from the <see cref="RoleMatrix"/>, each with its label in the menu.
/// </summary>
public static class ScanActions
{
    public static IReadOnlyList<(PackAction Action, string Label)> For(PartyRole role) =>
        [.. RoleMatrix.ScanActionsFor(role).Select(a => (a, Label(a)))];

    /// <summary>The action an address asks for (?action=dispense), if it is one of <paramref name="offered"/>.</summary>
    public static PackAction? Asked(string? word, IReadOnlyList<(PackAction Action, string Label)> offered) =>
        WireNames.TryParse<PackAction>(word?.Trim() ?? "", out var asked) && offered.Any(a => a.Action == asked.Value) ? asked.Value : null;

    public static string Label(PackAction action) => action switch
    {
        PackAction.Ship => "Ship to…",
        PackAction.UndoDispense => "Undo dispense",
        _ => action.ToString(),
    };

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
