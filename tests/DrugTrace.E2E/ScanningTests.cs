using System.Diagnostics;
using System.Text.Json;
using DrugTrace.Application.Packs;
using DrugTrace.Web.Labels;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DrugTrace.E2E;

/// <summary>
/// The whole path in a real browser: a label the app generated, shown to Chromium's fake camera,
/// read by zxing-wasm in the page, verified by the server, answered by the verdict card.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ScanningTests(AppServer app, ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("drugtrace-e2e-media-").FullName;

    [E2EFact]
    public async Task A_pharmacist_scans_a_genuine_pack_with_the_camera_and_sees_the_green_card()
    {
        var (gtin, _, _, serials) = await app.PacksAtPharmacyAsync(1);
        using var manufacturer = app.Api(AppServer.ManufacturerKey);
        var svg = await manufacturer.GetStringAsync($"/api/v1/packs/{gtin}/{serials[0]}/label.svg");

        var (playwright, labelBrowser) = await Browsers.LaunchAsync();
        var png = await Browsers.SvgToPngAsync(labelBrowser, svg, _folder, "genuine");
        await labelBrowser.DisposeAsync();
        playwright.Dispose();
        var camera = Browsers.Y4m(png);

        var (pw, browser) = await Browsers.LaunchAsync(camera);
        using (pw)
        await using (browser)
        {
            var page = await Browsers.SignedInPageAsync(browser, app.Address, "linden");
            await Browsers.OpenScanAsync(page);
            var started = Stopwatch.StartNew();
            await page.ClickAsync("[data-testid=camera]");
            var card = page.Locator("[data-testid=verdict]");
            await card.WaitForAsync(new() { Timeout = 60_000 });
            output.WriteLine($"camera click to verdict card: {started.ElapsedMilliseconds} ms");

            Assert.Equal("ok", await card.GetAttributeAsync("data-verdict"));
            Assert.Contains("Genuine pack", await card.InnerTextAsync());
            Assert.Contains(serials[0], await card.InnerTextAsync());
            // The camera stopped after the read.
            Assert.False(await page.EvaluateAsync<bool>("() => !!document.querySelector('[data-testid=camera-box] video').srcObject"));
            // What the camera delivered: the GS1 DataMatrix symbology identifier and the separator.
            Assert.Contains("]d2", await page.Locator("[data-testid=delivered]").TextContentAsync() ?? "");
        }
    }

    [E2EFact]
    public async Task A_fabricated_serial_gets_the_red_card_and_the_regulator_sees_the_alert_live()
    {
        var (gtin, lot, expiry, _) = await app.PacksAtPharmacyAsync(1);
        var fakeSerial = "FAKE" + Random.Shared.Next(100000, 999999);
        // The counterfeiter's label: the app's own label layout for a serial never commissioned.
        var svg = LabelRenderer.PackLabelSvg(new PackView(gtin, fakeSerial, lot, expiry, "active", null, null), LabelCode.DataMatrix, app.Address.ToString());

        var (pw, browser) = await Browsers.LaunchAsync();
        var png = await Browsers.SvgToPngAsync(browser, svg, _folder, "fake");
        await browser.DisposeAsync();
        pw.Dispose();
        var camera = Browsers.Y4m(png);

        (pw, browser) = await Browsers.LaunchAsync(camera);
        using (pw)
        await using (browser)
        {
            // The regulator, in a second browser context, has the live alert feed open.
            var regulator = await Browsers.SignedInPageAsync(browser, app.Address, "nmva");
            await Browsers.OpenAsync(regulator, "/regulator/alerts");
            await regulator.Locator("[data-testid=live]").WaitForAsync(new() { Timeout = 60_000 });
            var rowsBefore = await regulator.Locator("[data-testid=alert-row]").CountAsync();

            var pharmacy = await Browsers.SignedInPageAsync(browser, app.Address, "linden");
            await Browsers.OpenScanAsync(pharmacy);
            await pharmacy.ClickAsync("[data-testid=camera]");
            var card = pharmacy.Locator("[data-testid=verdict]");
            await card.WaitForAsync(new() { Timeout = 60_000 });
            Assert.Equal("alert", await card.GetAttributeAsync("data-verdict"));
            Assert.Contains("do not supply", await card.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);

            // The alert appears at the top of the regulator's feed without a reload.
            var live = regulator.Locator("[data-testid=alerts] tr", new() { HasText = fakeSerial });
            await live.WaitForAsync(new() { Timeout = 60_000 });
            Assert.Contains($"{gtin} / {fakeSerial}", await live.InnerTextAsync());
            Assert.Equal(1, await live.Locator("[data-testid=new]").CountAsync());
            Assert.Equal(rowsBefore + 1, await regulator.Locator("[data-testid=alert-row]").CountAsync());
            Assert.Contains(fakeSerial, await regulator.Locator("[data-testid=alerts] tbody tr").First.InnerTextAsync());
        }
    }

    [E2EFact]
    public async Task A_wedge_scan_with_Caps_Lock_on_is_a_probable_scanning_error()
    {
        var (gtin, lot, _, serials) = await app.PacksAtPharmacyAsync(1);
        var code = $"(01){gtin}(17)310331(10){lot}(21){serials[0]}";
        var capsLocked = new string([.. code.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.IsLower(c) ? char.ToUpperInvariant(c) : c)]);

        var (pw, browser) = await Browsers.LaunchAsync();
        using (pw)
        await using (browser)
        {
            var page = await Browsers.SignedInPageAsync(browser, app.Address, "linden");
            await Browsers.OpenScanAsync(page);
            await page.FocusAsync(".scan-input input");
            // A keyboard-wedge scanner types fast and ends with Enter.
            await page.Keyboard.TypeAsync(capsLocked, new() { Delay = 2 });
            await page.Keyboard.PressAsync("Enter");

            var card = page.Locator("[data-testid=verdict]");
            await card.WaitForAsync(new() { Timeout = 60_000 });
            Assert.Equal("alert", await card.GetAttributeAsync("data-verdict"));
            var message = await page.Locator("[data-testid=verdict-message]").InnerTextAsync();
            Assert.Contains("probable scanning error", message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(serials[0], message);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
