using Bunit;
using DrugTrace.Web.Components.Pages.Scan;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace DrugTrace.Web.Tests.Components.Pages.Scan;

public sealed class CameraScannerTests : UiContext
{
    private readonly List<ScannedCode> _reads = [];

    private IRenderedComponent<CameraScanner> RenderCamera(bool continuous = false) =>
        Render<CameraScanner>(p => p
            .Add(c => c.Continuous, continuous)
            .Add(c => c.OnRead, EventCallback.Factory.Create<ScannedCode>(this, r => _reads.Add(r))));

    [Fact]
    public async Task Starting_loads_the_reader_module_and_tells_it_whether_to_keep_reading()
    {
        var module = JSInterop.SetupModule("./js/scanner.js");
        module.Setup<bool>("start", _ => true).SetResult(true);
        var cut = RenderCamera(continuous: true);

        await cut.InvokeAsync(cut.Instance.ToggleAsync);

        var start = Assert.Single(module.Invocations, i => i.Identifier == "start");
        Assert.Contains("continuous = True", start.Arguments[2]!.ToString());
        Assert.True(cut.Instance.IsOn);
        Assert.Contains("The camera stays on", cut.Markup);
        Assert.DoesNotContain("display:none", cut.Find("[data-testid=camera-box]").GetAttribute("style"));
    }

    [Fact]
    public async Task A_browser_that_refuses_to_start_leaves_the_camera_off()
    {
        var module = JSInterop.SetupModule("./js/scanner.js");
        module.Setup<bool>("start", _ => true).SetResult(false);
        var cut = RenderCamera();

        await cut.InvokeAsync(cut.Instance.ToggleAsync);

        Assert.False(cut.Instance.IsOn);
        Assert.Contains("display:none", cut.Find("[data-testid=camera-box]").GetAttribute("style"));
    }

    [Fact]
    public async Task A_read_is_handed_on_with_its_symbology_identifier_and_stops_a_single_scan()
    {
        var cut = RenderCamera();

        await cut.InvokeAsync(() => cut.Instance.OnCameraRead("0104012345000115", "]d2", "DataMatrix"));

        Assert.Equal([new ScannedCode("]d20104012345000115", "camera, DataMatrix")], _reads);
        Assert.False(cut.Instance.IsOn);
    }

    [Fact]
    public async Task Problems_are_said_in_words_with_the_way_out()
    {
        var changed = 0;
        var cut = Render<CameraScanner>(p => p.Add(c => c.OnChanged, EventCallback.Factory.Create(this, () => changed++)));

        await cut.InvokeAsync(() => cut.Instance.OnCameraError("busy", ""));

        Assert.Contains("in use by another program", cut.Find("[data-testid=camera-problem]").TextContent);
        Assert.Equal(1, changed);
        Assert.False(cut.Instance.IsOn);
    }

    [Theory]
    [InlineData("reader", "could not be loaded (boom)")]
    [InlineData("unsupported", "cannot use a camera")]
    [InlineData("other", "could not be started (boom)")]
    public void Every_kind_of_camera_problem_has_its_own_words(string kind, string words) =>
        Assert.Contains(words, CameraScanner.Problem(kind, "boom"));
}
