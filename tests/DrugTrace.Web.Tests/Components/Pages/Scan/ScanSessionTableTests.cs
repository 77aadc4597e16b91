using Bunit;
using DrugTrace.Application.Packs;
using DrugTrace.Domain.Packs;
using DrugTrace.Web.Components.Pages.Scan;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Components.Pages.Scan;

public sealed class ScanSessionTableTests : UiContext
{
    private static readonly PackView Pack = new("04012345000115", "SN 1", "AMX24A17", new DateOnly(2029, 12, 31), "Active", Demo.PharmacyGln, "Amoxicillin 500 mg");
    private static readonly DateTimeOffset At = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void No_scans_yet_says_how_to_start()
    {
        var cut = Render<ScanSessionTable>(p => p.Add(c => c.Entries, []));
        Assert.Contains("No scans yet", cut.Find("[data-testid=no-scans]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=session]"));
    }

    [Fact]
    public void Each_scan_shows_its_verdict_or_why_it_was_not_read_and_links_the_pack_history()
    {
        ScanEntry[] entries =
        [
            new(At, PackAction.Dispense, "01\u001d21X", new ScanOutcome(ScanOutcome.Refused, "Receive this pack first.", Pack, [], null), null),
            new(At, PackAction.Verify, "garbage", null, "The code has no GTIN."),
        ];

        var cut = Render<ScanSessionTable>(p => p.Add(c => c.Entries, entries));

        var rows = cut.FindAll("[data-testid=session] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("refused", rows[0].TextContent);
        Assert.Contains("Receive this pack first.", rows[0].TextContent);
        Assert.Contains("01⟨GS⟩21X", rows[0].TextContent);
        Assert.Equal("packs/04012345000115/SN%201", rows[0].QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains("not read", rows[1].TextContent);
        Assert.Contains("The code has no GTIN.", rows[1].TextContent);
        Assert.Null(rows[1].QuerySelector("a"));
    }

    [Fact]
    public void A_very_long_code_is_cut_with_its_length_so_its_row_stays_one_row()
    {
        var code = new string('A', 5000);
        var cut = Render<ScanSessionTable>(p => p.Add(c => c.Entries, [new ScanEntry(At, PackAction.Verify, code, null, "Not a pack code.")]));

        var cell = cut.Find("[data-testid=session] .code-cell").TextContent;
        Assert.True(cell.Length < 200, $"shown {cell.Length} characters");
        Assert.EndsWith("… (5,000 characters)", cell);
    }

    [Fact]
    public void A_scan_that_waited_in_the_offline_queue_is_marked_and_a_scanning_error_is_amber()
    {
        const string message = "Probable scanning error: the letters arrived in the wrong case.";
        var error = new ScanOutcome(ScanOutcome.Alert, message, Pack, [new AlertView("a", "UnknownSerial", "low", message, ProbableScanningError: true)], null);
        ScanEntry[] entries = [new(At, PackAction.Dispense, "x", error, null, Queued: true), new(At, PackAction.Verify, "y", error with { Alerts = [new AlertView("b", "Recalled", "high", "Recalled.")] }, null)];

        var cut = Render<ScanSessionTable>(p => p.Add(c => c.Entries, entries));

        var rows = cut.FindAll("[data-testid=session] tbody tr");
        Assert.NotNull(rows[0].QuerySelector("[data-testid=queued-mark]"));
        Assert.Null(rows[1].QuerySelector("[data-testid=queued-mark]"));
        Assert.Contains("mud-chip-color-warning", rows[0].QuerySelector(".mud-chip")!.ClassName);
        Assert.Contains("mud-chip-color-error", rows[1].QuerySelector(".mud-chip")!.ClassName);
    }
}
