using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DrugTrace.E2E;

/// <summary>
/// Scans in an outage: the server process is killed while a pharmacist dispenses, the scan workspace
/// queues the scans in the browser, and once the server is back they are replayed in order, each
/// recorded once with the time it was scanned, and the reconciliation list says how each one went.
/// This test has its own server (it stops it), with a small queue limit to see the refusal.
/// </summary>
public sealed class OfflineQueueTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int QueueLimit = 3;

    private readonly AppServer _app = AppServer.With(new Dictionary<string, string> { ["Scanning__OfflineQueueLimit"] = QueueLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [E2EFact]
    public async Task Three_dispenses_scanned_while_the_server_is_down_are_queued_then_each_recorded_once_at_its_scan_time()
    {
        var (gtin, lot, _, serials) = await _app.PacksAtPharmacyAsync(QueueLimit + 1);
        string Code(string serial) => $"(01){gtin}(17)310331(10){lot}(21){serial}";
        DateTimeOffset before, queuedUntil;

        var (playwright, browser) = await Browsers.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await Browsers.SignedInPageAsync(browser, _app.Address, "linden");
            page.Console += (_, m) => output.WriteLine("console: " + m.Text);
            await Browsers.OpenAsync(page, "/scan?action=dispense");
            // The offline queue is attached (it marks its banner) once the workspace is interactive.
            await page.WaitForFunctionAsync("() => document.querySelector('#offline-queue[data-state=online]')", null, new() { Timeout = 60_000 });
            var queue = page.Locator("[data-testid=offline-queue]");

            await _app.StopAsync();
            await page.WaitForFunctionAsync("() => document.querySelector('#offline-queue[data-state=offline]')", null, new() { Timeout = 60_000 });
            Assert.True(await page.Locator("[data-testid=reconnect]").IsVisibleAsync());

            var field = page.Locator(".scan-input input");
            before = DateTimeOffset.UtcNow;
            for (var i = 0; i < QueueLimit; i++)
            {
                await field.FillAsync(Code(serials[i]));
                await field.PressAsync("Enter");
                await page.WaitForFunctionAsync($"() => document.querySelector('#offline-queue[data-count=\"{i + 1}\"]')", null, new() { Timeout = 30_000 });
                Assert.Equal("", await field.InputValueAsync());
            }
            queuedUntil = DateTimeOffset.UtcNow;
            Assert.Contains($"Offline, {QueueLimit} queued", await queue.InnerTextAsync());
            await ShotAsync(page, "scan-offline");
            foreach (var serial in serials[..QueueLimit]) Assert.Contains(serial, await queue.InnerTextAsync());

            // Beyond the configured size the queue refuses, and says so; the code stays in the field.
            await field.FillAsync(Code(serials[QueueLimit]));
            await field.PressAsync("Enter");
            await page.Locator(".offline-notice").WaitForAsync();
            Assert.Contains($"queue is full ({QueueLimit} scans)", await page.Locator(".offline-notice").InnerTextAsync());
            Assert.Equal(QueueLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), await queue.GetAttributeAsync("data-count"));
            Assert.Equal(Code(serials[QueueLimit]), await field.InputValueAsync());

            await _app.StartAsync();
            // The restarted server does not know the old circuit: the page reloads, attaches and replays the queue.
            var rows = page.Locator("[data-testid=reconciled]");
            await page.WaitForFunctionAsync($"() => document.querySelectorAll('[data-testid=reconciled]').length === {QueueLimit}", null, new() { Timeout = 120_000 });
            await page.WaitForFunctionAsync("() => document.querySelector('#offline-queue[data-count=\"0\"]')", null, new() { Timeout = 30_000 });

            // In the order scanned, each went through.
            for (var i = 0; i < QueueLimit; i++)
            {
                var row = rows.Nth(i);
                Assert.Equal("ok", await row.GetAttributeAsync("data-verdict"));
                Assert.Contains(serials[i], await row.InnerTextAsync());
                Assert.Contains("Dispensed", await row.InnerTextAsync());
            }
            Assert.Contains($"{QueueLimit} went through, 0 raised alerts, 0 refused", await page.Locator("[data-testid=reconciliation-summary]").InnerTextAsync());
            Assert.Equal(QueueLimit, await page.Locator("[data-testid=queued-mark]").CountAsync());
            Assert.Equal(0, await page.EvaluateAsync<int>("() => drugTraceOffline.queuedCount()"));
            await ShotAsync(page, "scan-reconciled");

            // A reload replays nothing again.
            await page.ReloadAsync();
            await page.WaitForFunctionAsync("() => document.querySelector('#offline-queue[data-state=online]')", null, new() { Timeout = 60_000 });
            Assert.Equal(0, await rows.CountAsync());

            // The regulator sees each of these dispenses marked as recorded after it was scanned.
            var regulator = await Browsers.SignedInPageAsync(browser, _app.Address, "nmva");
            await Browsers.OpenAsync(regulator, $"/packs/{gtin}/{serials[0]}");
            var late = regulator.Locator("[data-testid=recorded-later]");
            await late.WaitForAsync();
            Assert.Equal(1, await late.CountAsync());
            Assert.Contains("queued offline", await late.InnerTextAsync());
        }

        // The ledger: one dispense per pack, recorded with the time it was scanned (before the server came back).
        using var pharmacy = _app.Api(AppServer.PharmacyKey);
        for (var i = 0; i < QueueLimit; i++)
        {
            var history = await pharmacy.GetFromJsonAsync<JsonElement>($"/api/v1/packs/{gtin}/{serials[i]}");
            var dispensed = history.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Dispensed").ToList();
            var e = Assert.Single(dispensed);
            var occurred = e.GetProperty("occurredAt").GetDateTimeOffset();
            var recorded = e.GetProperty("recordedAt").GetDateTimeOffset();
            Assert.InRange(occurred, before.AddSeconds(-5), queuedUntil.AddSeconds(5));
            Assert.True(recorded > occurred, $"recorded {recorded:O} should follow the scan time {occurred:O}");
        }
        // The pack that did not fit in the queue was not dispensed.
        var left = await pharmacy.GetFromJsonAsync<JsonElement>($"/api/v1/packs/{gtin}/{serials[QueueLimit]}");
        Assert.DoesNotContain(left.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "Dispensed");
    }

    // DRUGTRACE_E2E_SHOTS=folder keeps pictures of the states only this test reaches (for docs/screenshots).
    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("DRUGTRACE_E2E_SHOTS") is not { Length: > 0 } folder) return;
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{width}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(1280, 720);
    }
}
