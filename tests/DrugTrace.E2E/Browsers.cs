using System.Diagnostics;
using Microsoft.Playwright;

namespace DrugTrace.E2E;

/// <summary>Debian's Chromium through Playwright, optionally with a fake camera that shows a given picture.</summary>
public static class Browsers
{
    public static async Task<(IPlaywright, IBrowser)> LaunchAsync(string? cameraY4m = null)
    {
        var playwright = await Playwright.CreateAsync();
        var args = new List<string> { "--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required" };
        if (cameraY4m is not null) args.Add("--use-file-for-fake-video-capture=" + Path.GetFullPath(cameraY4m));
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = E2EEnvironment.Chromium, Headless = true, Args = args });
        return (playwright, browser);
    }

    /// <summary>A new context signed in through the real sign-in form.</summary>
    public static async Task<IPage> SignedInPageAsync(IBrowser browser, Uri app, string user, BrowserNewContextOptions? options = null)
    {
        options ??= new();
        options.BaseURL = app.ToString();
        options.Permissions = ["camera"];
        var context = await browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await OpenAsync(page, "/signin");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", AppServer.Password);
        await page.ClickAsync("button[type=submit]");
        // The sign-in cookie comes with the redirect's response: waiting for that (not for the next page's
        // "load" event, which a busy Chromium was once seen never to report) is all a signed-in page needs.
        await page.WaitForURLAsync(url => !url.Contains("/signin"), new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading'");
        return page;
    }

    /// <summary>
    /// Opens a page of the app and returns once its document is parsed. Callers then wait for what they need
    /// (an element, the interactive circuit), so the "load" event, with every image and font, is not awaited.
    /// </summary>
    public static Task<IResponse?> OpenAsync(IPage page, string path) =>
        page.GotoAsync(path, new() { WaitUntil = WaitUntilState.DOMContentLoaded });

    /// <summary>Waits until Blazor's interactive circuit is up (the scan field reacts).</summary>
    public static async Task OpenScanAsync(IPage page)
    {
        await OpenAsync(page, "/scan");
        // The workspace marks itself once it renders interactively; before that a keypress goes nowhere.
        await page.WaitForFunctionAsync("() => window.Blazor && document.querySelector('[data-interactive=true] .scan-input input')",
            null, new() { Timeout = 60_000 });
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
        var start = new ProcessStartInfo(E2EEnvironment.Ffmpeg!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-y", "-loglevel", "error", "-loop", "1", "-i", png, "-vf", "scale=w=600:h=440:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=640:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p", "-t", "2", "-r", "10", y4m })
            start.ArgumentList.Add(a);
        using var ffmpeg = Process.Start(start)!;
        var err = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        if (ffmpeg.ExitCode != 0) throw new InvalidOperationException("ffmpeg failed: " + err);
        return y4m;
    }
}
