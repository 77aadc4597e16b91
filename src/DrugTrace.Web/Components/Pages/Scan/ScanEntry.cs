using DrugTrace.Application.Packs;

namespace DrugTrace.Web.Components.Pages.Scan;

/// <summary>One scan of this session, for the list of last scans.</summary>
public sealed record ScanEntry(DateTimeOffset At, string Action, string Code, ScanOutcome? Outcome, string? Problem)
{
    /// <summary>The code as typed, with the invisible group separator shown.</summary>
    public string ShownCode => Code.Replace("\u001d", "⟨GS⟩", StringComparison.Ordinal);
}
