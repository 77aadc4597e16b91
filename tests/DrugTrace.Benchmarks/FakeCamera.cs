using System.Diagnostics;
using Microsoft.Playwright;

namespace DrugTrace.Benchmarks;

/// <summary>
/// Debian's Chromium through Playwright with a fake camera that shows a picture, as in tests/DrugTrace.E2E
/// (Browsers.cs, E2EEnvironment.cs): the few lines needed here, copied rather than referencing a test project.
/// </summary>
public static class FakeCamera
{
    public static string Chromium { get; } = Environment.GetEnvironmentVariable("DRUGTRACE_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";

    public static string? Ffmpeg { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "ffmpeg")).FirstOrDefault(File.Exists);

    /// <summary>What is missing to run a browser with a fake camera here, or null.</summary>
    public static string? Missing =>
        !File.Exists(Chromium) && Ffmpeg is null ? $"chromium (at {Chromium}) and ffmpeg missing"
        : !File.Exists(Chromium) ? $"chromium missing (not at {Chromium}; set DRUGTRACE_CHROMIUM)"
        : Ffmpeg is null ? "ffmpeg missing (not on PATH)"
        : null;

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string? cameraY4m = null)
    {
        var args = new List<string> { "--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required" };
        if (cameraY4m is not null) args.Add("--use-file-for-fake-video-capture=" + Path.GetFullPath(cameraY4m));
        return playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = args });
    }

    /// <summary>Rasterises an SVG (as the app drew it) in Chromium and saves it as PNG.</summary>
    public static async Task<string> SvgToPngAsync(IBrowser browser, string svg, string folder, string name, int sizePx = 360)
    {
        var page = await browser.NewPageAsync();
        var dataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
        await page.SetContentAsync($"<html><body style='margin:0;background:#fff'><img id='label' src='{dataUri}' style='height:{sizePx}px;display:block;padding:24px;background:#fff'></body></html>");
        await page.WaitForFunctionAsync("() => document.getElementById('label').complete");
        var png = Path.Combine(folder, name + ".png");
        await page.Locator("#label").ScreenshotAsync(new() { Path = png });
        await page.CloseAsync();
        return png;
    }

    /// <summary>A looping camera feed of the picture: 640x480, 4:2:0, as Chromium's fake camera needs.</summary>
    public static string Y4m(string png)
    {
        var y4m = Path.ChangeExtension(png, ".y4m");
        var start = new ProcessStartInfo(Ffmpeg!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-y", "-loglevel", "error", "-loop", "1", "-i", png, "-vf", "scale=w=600:h=440:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p", "-t", "2", "-r", "10", y4m })
            start.ArgumentList.Add(a);
        using var ffmpeg = Process.Start(start)!;
        var err = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        if (ffmpeg.ExitCode != 0) throw new InvalidOperationException("ffmpeg failed: " + err);
        return y4m;
    }
}
