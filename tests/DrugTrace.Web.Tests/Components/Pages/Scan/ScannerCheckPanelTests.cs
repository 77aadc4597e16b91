using Bunit;
using DrugTrace.Web.Components.Pages.Scan;
using DrugTrace.Web.Scanning;
using DrugTrace.Web.Tests.Infrastructure;
using MudBlazor;

namespace DrugTrace.Web.Tests.Components.Pages.Scan;

public sealed class ScannerCheckPanelTests : UiContext
{
    [Fact]
    public void Before_any_scan_it_explains_what_it_will_show()
    {
        var cut = Render<ScannerCheckPanel>();
        cut.Find("[data-testid=scanner-check] .mud-expand-panel-header").Click();
        Assert.Contains("Scan any pack", cut.Find("[data-testid=scanner-check]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=delivered]"));
    }

    [Fact]
    public void Shows_the_delivered_text_with_control_characters_marked_and_where_it_came_from()
    {
        var check = ScannerCheck.Of("]d2010401234500011517291231" + "10AMX24A17\u001d21SN123", new DateOnly(2026, 3, 14));
        var cut = Render<ScannerCheckPanel>(p => p.Add(c => c.Check, check).Add(c => c.Source, "camera, DataMatrix"));

        cut.Find("[data-testid=scanner-check] .mud-expand-panel-header").Click();

        Assert.Contains("(camera, DataMatrix)", cut.Find("[data-testid=scanner-check]").TextContent);
        Assert.Equal("⟨GS⟩", cut.Find("[data-testid=delivered] .ctl").TextContent);
        Assert.Equal(check.Symbology, cut.Find("[data-testid=check-symbology]").TextContent);
        Assert.Equal(check.Advice.Count, cut.FindAll("[data-testid=check-advice] li").Count);
    }
}
