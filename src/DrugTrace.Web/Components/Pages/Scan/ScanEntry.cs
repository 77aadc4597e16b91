using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Web.Components.Pages.Scan;

/// <summary>
/// One scan of this session, for the list of last scans; <see cref="Queued"/> when it waited in the
/// offline queue, <see cref="Bulk"/> when it was received with a whole delivery.
/// </summary>
public sealed record ScanEntry(DateTimeOffset At, PackAction Action, string Code, ScanOutcome? Outcome, string? Problem, bool Queued = false, bool Bulk = false)
{
    /// <summary>The action as the API and the address (?action=) spell it, e.g. "undo-dispense", "receive (bulk)".</summary>
    public string ActionWord => PackHandoffs.ActionName(Action) + (Bulk ? " (bulk)" : "");

    /// <summary>The code as typed, with the invisible group separator shown.</summary>
    public string ShownCode => Shown(Code);

    /// <summary>Longest code shown whole; a longer one (a wrong barcode, pasted text) is cut so that its row stays one row.</summary>
    public const int ShownLength = 120;

    public static string Shown(string code)
    {
        var text = code.Length <= ShownLength ? code : string.Concat(code.AsSpan(0, ShownLength), $"… ({code.Length:N0} characters)");
        return text.Replace("\u001d", "⟨GS⟩", StringComparison.Ordinal);
    }
}
