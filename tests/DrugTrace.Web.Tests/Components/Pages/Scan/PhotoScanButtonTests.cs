using Bunit;
using DrugTrace.Web.Components.Pages.Scan;
using DrugTrace.Web.Labels;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace DrugTrace.Web.Tests.Components.Pages.Scan;

public sealed class PhotoScanButtonTests : UiContext
{
    private readonly List<ScannedCode> _reads = [];
    private readonly List<string> _problems = [];
    private readonly List<bool> _busy = [];

    private IRenderedComponent<PhotoScanButton> RenderButton() =>
        Render<PhotoScanButton>(p => p
            .Add(c => c.OnRead, EventCallback.Factory.Create<ScannedCode>(this, r => _reads.Add(r)))
            .Add(c => c.OnProblem, EventCallback.Factory.Create<string>(this, m => _problems.Add(m)))
            .Add(c => c.BusyChanged, EventCallback.Factory.Create<bool>(this, b => _busy.Add(b))));

    [Fact]
    public void A_photo_of_a_DataMatrix_is_read_on_the_server_and_handed_on_as_scanned()
    {
        var content = LabelContent.ElementString("04012345000115", "SN123", "AMX24A17", new DateOnly(2029, 12, 31));
        var cut = RenderButton();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Photos.Of(LabelCode.DataMatrix, content), "pack.png"));

        cut.WaitForAssertion(() => Assert.Single(_reads), TimeSpan.FromSeconds(60));
        Assert.StartsWith("]d2", _reads[0].Code);
        Assert.EndsWith("21SN123", _reads[0].Code);
        Assert.Equal("photo pack.png, DataMatrix", _reads[0].Source);
        Assert.Equal([true, false], _busy);
        Assert.Empty(_problems);
    }

    [Fact]
    public void A_photo_without_a_code_is_a_problem_in_words_and_nothing_is_scanned()
    {
        var blank = Photos.Of([], 400, 300);
        var cut = RenderButton();

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(blank, "blank.png"));

        cut.WaitForAssertion(() => Assert.Single(_problems), TimeSpan.FromSeconds(60));
        Assert.Contains("No code found", _problems[0]);
        Assert.Empty(_reads);
    }

    [Fact]
    public void Only_JPEG_and_PNG_are_offered()
    {
        var cut = RenderButton();
        Assert.Equal("image/jpeg,image/png", cut.Find("[data-testid=photo] input[type=file]").GetAttribute("accept"));
    }
}
