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
        // Pages are opened without awaiting "load": the width is measured once the styles and fonts are in.
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new() { Timeout = 60_000 });
        var fit = await page.EvaluateAsync<System.Text.Json.JsonElement>(Overflow);
        var (width, viewport) = (fit.GetProperty("width").GetDouble(), fit.GetProperty("viewport").GetDouble());
        Assert.True(width <= 390 && viewport == 390, $"{what} is {width} px wide in a {viewport} px viewport (zoomed to {fit.GetProperty("scale").GetDouble()})");
    }

    /// <summary>The page fits (see <see cref="AssertFitsAsync"/>) and so does the table: it neither scrolls sideways
    /// inside its own box nor reaches past the viewport's right edge.</summary>
    private static async Task AssertTableFitsAsync(IPage page, string table, string what)
    {
        await AssertFitsAsync(page, what);
        var fit = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "t => [t, ...t.querySelectorAll('table, .mud-table-container')].map(e => ({ scroll: e.scrollWidth, client: e.clientWidth, right: e.getBoundingClientRect().right }))",
            await page.Locator($"[data-testid={table}]").First.ElementHandleAsync());
        foreach (var box in fit.EnumerateArray())
        {
            var (scroll, client, right) = (box.GetProperty("scroll").GetDouble(), box.GetProperty("client").GetDouble(), box.GetProperty("right").GetDouble());
            Assert.True(scroll <= client + 1 && right <= 390, $"the table on {what} is {scroll} px wide in a {client} px box ending at {right} px of 390");
        }
    }

    /// <summary>Each of the row's cells that carries one of these labels is shown, wholly within the phone's width.</summary>
    private static async Task AssertFieldsInViewAsync(ILocator row, string what, params string[] labels)
    {
        foreach (var label in labels)
        {
            var cell = row.Locator($"td[data-label='{label}']");
            Assert.True(await cell.IsVisibleAsync(), $"{what}: {label} is not shown");
            var box = (await cell.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"{what}: {label} spans {box.X} to {box.X + box.Width} px of 390");
        }
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
            await Browsers.OpenAsync(regulator, "/regulator/dashboard");
            // The seed's alerts are drawn: the charts are on the page.
            await regulator.WaitForFunctionAsync("() => document.querySelector('[data-testid=chart-kind] svg')", null, new() { Timeout = 60_000 });
            await AssertFitsAsync(regulator, "the dashboard");
            await Browsers.OpenAsync(regulator, "/regulator/alerts");
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
            await Browsers.OpenAsync(page, "/investigations");
            var row = page.Locator($"[data-testid=investigation]:has-text('{serial}')");
            await row.WaitForAsync(new() { Timeout = 60_000 });
            await AssertFitsAsync(page, "the investigations page");
            // The buttons were off to the right of a table that scrolled sideways; on a card both are in view.
            foreach (var button in new[] { "release", "confirm" })
            {
                // The card may still be rendering its buttons when the row appears: wait until each is laid out.
                var locator = row.Locator($"[data-testid={button}]");
                await locator.WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Visible, Timeout = 60_000 });
                var box = await locator.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException($"the {button} button has no box on the page");
                Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"the {button} button spans {box.X} to {box.X + box.Width} px of 390");
            }
        }
    }

    [E2EFact]
    public async Task At_phone_width_a_stock_line_is_a_card_with_its_lot_and_held_count_in_view()
    {
        var (gtin, lot, _, _) = await app.PacksAtPharmacyAsync(2);
        var (playwright, browser) = await Browsers.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await Browsers.SignedInPageAsync(browser, app.Address, "linden", Phone());
            await Browsers.OpenAsync(page, "/stock");
            await page.WaitForFunctionAsync("() => window.Blazor && document.querySelector('[data-testid=stock-line]')", null, new() { Timeout = 60_000 });
            // Filter to the new lot (other tests add lots of their own): the filter reacts once the page is
            // interactive, so apply it until only that lot is listed.
            var row = page.Locator($"[data-testid=stock-line]:has-text('{lot}')");
            for (var attempt = 1; await page.Locator("[data-testid=stock-line]").CountAsync() != 1 || await row.CountAsync() != 1; attempt++)
            {
                await page.Locator(".filter-lot input").FillAsync(lot);
                await page.Locator("[data-testid=apply]").ClickAsync();
                try { await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=stock-line]').length === 1", null, new() { Timeout = 5_000 }); }
                catch (TimeoutException) when (attempt < 12) { }
            }
            await AssertTableFitsAsync(page, "stock", "the stock page");
            // The lot wrapped a letter a line and the held count was cut off at the right; on a card both read whole.
            await AssertFieldsInViewAsync(row, "the stock line", "Lot", "Expiry", "Available", "Held");
            Assert.Equal(lot, (await row.Locator("td[data-label=Lot]").InnerTextAsync()).Trim());
            var lotHeight = (await row.Locator("td[data-label=Lot]").BoundingBoxAsync())!.Height;
            Assert.True(lotHeight < 40, $"the lot takes {lotHeight} px: it wraps");
            Assert.Equal("2", (await row.Locator("td[data-label=Available]").InnerTextAsync()).Trim());
            Assert.Contains(gtin, await row.InnerTextAsync());
        }
    }

    [E2EFact]
    public async Task At_phone_width_shipments_in_and_out_are_cards_with_receive_all_and_each_packs_serial_in_view()
    {
        var (_, lot, _, serials) = await app.ShippedToPharmacyAsync(2);
        var (playwright, browser) = await Browsers.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var sender = await Browsers.SignedInPageAsync(browser, app.Address, "helvetia", Phone());
            await Browsers.OpenAsync(sender, "/shipments/outgoing");
            var sent = sender.Locator($"[data-testid=shipment-pack]:has-text('{serials[0]}')");
            await sent.WaitForAsync(new() { Timeout = 60_000 });
            await AssertTableFitsAsync(sender, "shipment-packs", "the outgoing shipments page");
            await AssertFieldsInViewAsync(sent, "an outgoing pack", "Lot", "Expiry", "Serial");

            var recipient = await Browsers.SignedInPageAsync(browser, app.Address, "linden", Phone());
            await Browsers.OpenAsync(recipient, "/shipments/incoming");
            var pack = recipient.Locator($"[data-testid=shipment-pack]:has-text('{serials[1]}')");
            await pack.WaitForAsync(new() { Timeout = 60_000 });
            await AssertTableFitsAsync(recipient, "shipment-packs", "the incoming shipments page");
            await AssertFieldsInViewAsync(pack, "an incoming pack", "Lot", "Expiry", "Serial");
            Assert.Contains(lot, await pack.Locator("td[data-label=Lot]").InnerTextAsync());
            var shipment = recipient.Locator("[data-testid=shipment]").Filter(new() { Has = pack });
            var receiveAll = (await shipment.Locator("[data-testid=receive-all]").BoundingBoxAsync())!;
            Assert.True(receiveAll.X >= 0 && receiveAll.X + receiveAll.Width <= 390, $"receive all spans {receiveAll.X} to {receiveAll.X + receiveAll.Width} px of 390");
        }
    }

    [E2EFact]
    public async Task At_phone_width_each_pack_of_a_case_is_a_card_with_its_serial_and_status_in_view()
    {
        var (sscc, _, lot, serials) = await app.CaseAtManufacturerAsync(3);
        var (playwright, browser) = await Browsers.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await Browsers.SignedInPageAsync(browser, app.Address, "helvetia", Phone());
            await Browsers.OpenAsync(page, $"/cases/{sscc}");
            await page.Locator("[data-testid=case-pack]").Nth(serials.Length - 1).WaitForAsync(new() { Timeout = 60_000 });
            await AssertTableFitsAsync(page, "case-packs", "the case page");
            // The label (drawn 100 mm wide) shrinks to the card rather than scrolling sideways in it.
            var label = await page.EvaluateAsync<System.Text.Json.JsonElement>(
                "() => { const l = document.querySelector('[data-testid=case-label]'); return { scroll: l.scrollWidth, client: l.clientWidth, svg: l.querySelector('svg').getBoundingClientRect().width }; }");
            Assert.True(label.GetProperty("scroll").GetDouble() <= label.GetProperty("client").GetDouble() + 1 && label.GetProperty("svg").GetDouble() > 200,
                $"the case label is {label.GetProperty("svg").GetDouble()} px wide, scrolling {label.GetProperty("scroll").GetDouble()} px in a {label.GetProperty("client").GetDouble()} px box");
            Assert.Equal(serials.Length, await page.Locator("[data-testid=case-pack]").CountAsync());
            foreach (var serial in serials)
            {
                var pack = page.Locator($"[data-testid=case-pack]:has-text('{serial}')");
                await AssertFieldsInViewAsync(pack, $"pack {serial} of the case", "GTIN", "Serial", "Lot", "Expiry", "Status");
                Assert.Contains(lot, await pack.Locator("td[data-label=Lot]").InnerTextAsync());
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
            await Browsers.OpenAsync(page, $"/manufacturer/products/{gtin}");
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
            await Browsers.OpenAsync(page, $"/manufacturer/products/{gtin}");
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
