using Microsoft.Playwright;

namespace DrugTrace.E2E;

/// <summary>Rough edges only a real browser shows: layout at phone width, and keys the dialogs answer to.</summary>
[Collection(AppCollection.Name)]
public sealed class EverydayUseTests(AppServer app)
{
    /// <summary>A phone: 390 CSS pixels wide, touch, the page allowed to zoom out if it overflows (as Chrome on Android does).</summary>
    private static BrowserNewContextOptions Phone() => new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2 };

    /// <summary>How wide the page's content is and how far the browser zoomed out to show it.</summary>
    private const string Overflow = "() => ({ width: document.documentElement.scrollWidth, viewport: window.innerWidth, scale: window.visualViewport.scale })";

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var fit = await page.EvaluateAsync<System.Text.Json.JsonElement>(Overflow);
        var (width, viewport) = (fit.GetProperty("width").GetDouble(), fit.GetProperty("viewport").GetDouble());
        Assert.True(width <= 390 && viewport == 390, $"{what} is {width} px wide in a {viewport} px viewport (zoomed to {fit.GetProperty("scale").GetDouble()})");
    }

    [E2EFact]
    public async Task At_phone_width_the_scan_field_keeps_its_width_and_label_and_nothing_overflows()
    {
        var (gtin, lot, _, serials) = await app.PacksAtPharmacyAsync(2);
        var (playwright, browser) = await Browsers.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await Browsers.SignedInPageAsync(browser, app.Address, "linden", Phone());
            await Browsers.OpenScanAsync(page);
            var field = page.Locator(".scan-input input");
            var box = (await field.BoundingBoxAsync())!;
            Assert.True(box.Width >= 300, $"the scan field is {box.Width} px wide");
            // The label is shown whole, not cut off.
            Assert.True(await page.EvaluateAsync<bool>("() => { const l = document.querySelector('.scan-input label'); return l.scrollWidth <= l.clientWidth + 1 && l.getBoundingClientRect().right <= window.innerWidth; }"));

            // A session with a normal and a 5,000-character scan: still no sideways scrolling, each row a card.
            var codes = new[] { $"(01){gtin}(17)310331(10){lot}(21){serials[0]}", new string('9', 5000) };
            for (var i = 0; i < codes.Length; i++)
            {
                // One at a time: the field is cleared when a scan is answered, which must not take the next code with it.
                await field.FillAsync(codes[i]);
                await field.PressAsync("Enter");
                await page.WaitForFunctionAsync($"() => document.querySelectorAll('[data-testid=session] tbody tr').length === {i + 1}");
            }
            await AssertFitsAsync(page, "the scan workspace");
            var tallest = await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('[data-testid=session] tbody tr')].map(r => r.getBoundingClientRect().height))");
            Assert.True(tallest < 600, $"a session row is {tallest} px tall");

            var regulator = await Browsers.SignedInPageAsync(browser, app.Address, "nmva", Phone());
            await regulator.GotoAsync("/regulator/dashboard");
            // The seed's alerts are drawn: the charts are on the page.
            await regulator.WaitForFunctionAsync("() => document.querySelector('[data-testid=chart-kind] svg')", null, new() { Timeout = 60_000 });
            await AssertFitsAsync(regulator, "the dashboard");
            await regulator.GotoAsync("/regulator/alerts");
            await regulator.Locator("h1").WaitForAsync();
            await AssertFitsAsync(regulator, "the alert feed");
        }
        // Every page above loaded the app's own stylesheet and scripts without a warning about them.
        using var client = new HttpClient { BaseAddress = app.Address };
        Assert.Contains("css/app.css", await client.GetStringAsync("/signin"));
        Assert.DoesNotContain("was not found in the built time manifest", app.Log);
    }

    [E2EFact]
    public async Task At_phone_width_a_pack_under_investigation_is_a_card_with_both_buttons_in_view()
    {
        var (_, serial) = await app.QuarantinedAtPharmacyAsync("Returned by a patient with the seal broken and the print blurred at its edges");
        var (playwright, browser) = await Browsers.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await Browsers.SignedInPageAsync(browser, app.Address, "linden", Phone());
            await page.GotoAsync("/investigations");
            var row = page.Locator($"[data-testid=investigation]:has-text('{serial}')");
            await row.WaitForAsync(new() { Timeout = 60_000 });
            await AssertFitsAsync(page, "the investigations page");
            // The buttons were off to the right of a table that scrolled sideways; on a card both are in view.
            foreach (var button in new[] { "release", "confirm" })
            {
                var box = (await row.Locator($"[data-testid={button}]").BoundingBoxAsync())!;
                Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"the {button} button spans {box.X} to {box.X + box.Width} px of 390");
            }
        }
    }

    [E2EFact]
    public async Task Escape_closes_the_recall_dialog_and_recalls_nothing()
    {
        var (gtin, lot, _, _) = await app.PacksAtPharmacyAsync(1);
        var (playwright, browser) = await Browsers.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await Browsers.SignedInPageAsync(browser, app.Address, "helvetia");
            await page.GotoAsync($"/manufacturer/products/{gtin}");
            // The button reacts once the page is interactive: click until the dialog opens.
            var dialog = page.Locator(".mud-dialog");
            await page.WaitForFunctionAsync("() => window.Blazor && document.querySelector('[data-testid=lots]')", null, new() { Timeout = 60_000 });
            // The prerendered button is there before its handler: a click in that moment does nothing
            // (seen on a loaded machine), so click again until the dialog is up.
            for (var attempt = 1; await dialog.CountAsync() == 0; attempt++)
            {
                await page.Locator($"[data-testid=recall-{lot}]").ClickAsync();
                try { await dialog.First.WaitForAsync(new() { Timeout = 5_000 }); }
                catch (TimeoutException) when (attempt < 12) { }
            }
            // The reason field takes the focus as the dialog opens; MudBlazor's key handler is attached
            // just after that, so a key pressed in the very first moment may go unseen: press until it closes.
            await page.WaitForFunctionAsync("() => document.activeElement?.closest('.mud-dialog')");
            for (var attempt = 1; await dialog.CountAsync() > 0; attempt++)
            {
                await page.Keyboard.PressAsync("Escape");
                try { await dialog.First.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 5_000 }); }
                catch (TimeoutException) when (attempt < 6) { }
            }
            Assert.Equal(0, await page.Locator(".mud-chip:has-text('Recalled')").CountAsync());
            Assert.True(await page.Locator($"[data-testid=recall-{lot}]").IsVisibleAsync());
        }
    }

    /// <summary>Toasts appear where they cover nothing the user needs next: not the app bar's buttons
    /// (theme, sign-out), not the form just used; at desktop and at phone width.</summary>
    [E2ETheory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task A_toast_covers_neither_the_app_bar_buttons_nor_the_form_it_answers(int width, int height)
    {
        var (gtin, _, _, _) = await app.PacksAtPharmacyAsync(1);
        var (playwright, browser) = await Browsers.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var options = width < 600 ? Phone() : new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height } };
            var page = await Browsers.SignedInPageAsync(browser, app.Address, "helvetia", options);
            await page.GotoAsync($"/manufacturer/products/{gtin}");
            await page.WaitForFunctionAsync("() => window.Blazor && document.querySelector('[data-testid=lots]')", null, new() { Timeout = 60_000 });
            var lot = $"T{width}x{gtin[^4..]}";
            var toast = page.Locator(".mud-snackbar");
            // The prerendered form is there before its handlers: fill and press until the lot is registered.
            for (var attempt = 1; await toast.CountAsync() == 0; attempt++)
            {
                await page.Locator("[data-testid=lot]").FillAsync(lot);
                await page.Locator("[data-testid=expiry]").FillAsync("2031-06-30");
                await page.Locator("[data-testid=quantity]").FillAsync("2");
                await page.Locator("[data-testid=register]").ClickAsync();
                try { await toast.First.WaitForAsync(new() { Timeout = 10_000 }); }
                catch (TimeoutException) when (attempt < 6) { }
            }
            Assert.Contains($"Lot {lot} registered", await toast.First.InnerTextAsync());
            var covered = await page.EvaluateAsync<string[]>("""
                () => {
                    const t = document.querySelector('.mud-snackbar').getBoundingClientRect();
                    const overlaps = r => r.width > 0 && r.left < t.right && t.left < r.right && r.top < t.bottom && t.top < r.bottom;
                    const wanted = [...document.querySelectorAll('.mud-appbar button, .mud-appbar a, [data-testid=register], [data-testid=lot], [data-testid=expiry], [data-testid=quantity]')];
                    return wanted.filter(e => overlaps(e.getBoundingClientRect())).map(e => e.outerHTML.slice(0, 80));
                }
                """);
            Assert.True(covered.Length == 0, $"at {width} px the toast covers: {string.Join(" | ", covered)}");
        }
    }
}
