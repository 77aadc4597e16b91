using DrugTrace.Web.Labels;
using DrugTrace.Web.Scanning;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace DrugTrace.Web.Tests.Scanning;

public sealed class PhotoReaderTests
{
    // The read rate is what is tested here; the time it takes is the benchmarks' business (this
    // machine is shared and loaded), so the search gets all the time it needs.
    private static readonly PhotoReader Reader = new(Options.Create(new ScanningOptions { SearchBudgetMs = 120_000 }));

    [Fact]
    public void At_least_95_percent_of_a_varied_set_of_label_photos_is_read_as_the_packs_element_string()
    {
        var photos = LabelPhotoSet.Make(perKind: 6, seed: 1601);
        var misses = new List<string>();
        foreach (var photo in photos)
        {
            var (code, problem) = Reader.Read(photo.File);
            if (code is null || code.Text != photo.Expected || code.SymbologyId != "]d2")
                misses.Add($"{photo.Name}: {problem?.Message ?? code?.Text}");
        }

        var rate = (photos.Count - misses.Count) / (double)photos.Count;
        Assert.True(rate >= 0.95, $"read {photos.Count - misses.Count} of {photos.Count}; missed:\n{string.Join('\n', misses)}");
        // Every kind of difficulty is in the set, and none is read less than most of the time.
        foreach (var kind in LabelPhotoSet.Kinds)
            Assert.True(misses.Count(m => m.StartsWith(kind + "-", StringComparison.Ordinal)) <= 1, $"{kind}: {string.Join("; ", misses)}");
    }

    [Fact]
    public void A_crisp_80_pixel_DataMatrix_on_white_is_read()
    {
        var content = LabelContent.ElementString("04012345000115", "SN80PX", "LOT80", new DateOnly(2030, 1, 31));
        // 26 modules with the quiet zone at 3 px: a 78-pixel picture with the code filling it.
        var (code, problem) = Reader.Read(Photos.Of(LabelCode.DataMatrix, content, 80, 80, moduleSize: 3));
        Assert.True(code is not null, problem?.Message);
        Assert.Equal(content, code.Text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(45)]
    [InlineData(71)]
    public void The_angle_of_a_turned_code_is_found_within_3_degrees(int degrees)
    {
        var (pixels, w, h) = LabelRenderer.Gray8(LabelCode.DataMatrix, LabelContent.ElementString("04012345000115", "TURN", "L1", new DateOnly(2030, 1, 31)), 10);
        // Rotate(-a) turns the content by +a; the estimate is the grid's angle modulo 90.
        var turned = new GrayImage(pixels, w, h).Pad(20, 255).Rotate(-degrees, 255);

        var (found, clarity) = Orientation.Of(turned);

        var error = Math.Abs(((found - degrees) % 90 + 135) % 90 - 45);
        Assert.True(error <= 3, $"expected {degrees}, found {found:0.0} (clarity {clarity:0.00})");
    }

    [Fact]
    public void A_faint_grey_on_grey_code_is_still_located()
    {
        var (pixels, w, h) = LabelRenderer.Gray8(LabelCode.DataMatrix, "\u001d0104012345000115", 8);
        var faint = pixels.Select(p => (byte)(p == 0 ? 130 : 175)).ToArray();
        var picture = new GrayImage(faint, w, h).Pad(200, 175);

        var candidates = CodeLocator.Candidates(picture.Pixels, picture.Width, picture.Height);

        Assert.Contains(candidates, c => c.X <= 200 && c.Y <= 200 && c.X + c.Width >= 200 + w && c.Y + c.Height >= 200 + h);
    }
}
