using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace DrugTrace.E2E;

/// <summary>
/// A label sheet as Chromium lays it out with real fonts: the product name in full and within the
/// label beside the code, the human-readable element string with the whole serial and inside its
/// cell. The server only estimates text widths; this is where an estimate that is too small shows.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LabelLayoutTests(AppServer app)
{
    private const string LongName = "Salbutamol 100 micrograms/dose pressurised inhalation suspension, 200 doses";

    [E2EFact]
    public async Task A_long_product_name_and_the_whole_element_string_are_printed_inside_each_label()
    {
        using var manufacturer = app.Api(AppServer.ManufacturerKey);
        var body = "04012345" + Random.Shared.Next(1000, 9999).ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "7";
        var gtin = body + DrugTrace.Domain.Gs1.CheckDigit.Compute(body);
        (await manufacturer.PostAsJsonAsync("/api/v1/products", new { gtin, name = LongName })).EnsureSuccessStatusCode();
        var lot = "LOT-LONG-" + gtin[^6..] + "XYZ";
        var created = await manufacturer.PostAsJsonAsync("/api/v1/lots", new { gtin, lot, expiry = "2031-03-31", quantity = 3 });
        created.EnsureSuccessStatusCode();
        var serials = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("serials").EnumerateArray().Select(s => s.GetString()!).ToArray();
        var html = await manufacturer.GetStringAsync($"/api/v1/lots/{gtin}/{lot}/labels");

        var (playwright, browser) = await Browsers.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { DeviceScaleFactor = 3 });
            await page.SetContentAsync(html);
            // Per label: the name lines as laid out, the text boxes against the label's and the symbol's, the caption against its cell.
            var labels = await page.EvaluateAsync<JsonElement>("""
                () => [...document.querySelectorAll('.label-cell')].map(cell => {
                  const label = cell.querySelector('svg.pack-label');
                  const box = label.getBoundingClientRect();
                  const symbol = label.querySelector('svg.symbol').getBoundingClientRect();
                  const texts = [...label.querySelectorAll('text')];
                  const caption = cell.querySelector('[data-testid=hri]');
                  const cellBox = cell.getBoundingClientRect(), captionBox = caption.getBoundingClientRect();
                  return {
                    serial: cell.dataset.serial,
                    name: texts.filter(t => t.childNodes.length === 1).map(t => t.textContent).join(' '),
                    textsInside: texts.every(t => { const r = t.getBoundingClientRect();
                      return r.left >= symbol.right && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5; }),
                    linesApart: texts.every((t, i) => i === 0 || texts[i - 1].getBoundingClientRect().bottom <= t.getBoundingClientRect().top + 1),
                    font: getComputedStyle(texts[0]).fontFamily,
                    caption: caption.innerText.replace(/\s+/g, ''),
                    captionInside: caption.scrollWidth <= caption.clientWidth && captionBox.bottom <= cellBox.bottom + 0.5,
                  };
                })
                """);

            if (Environment.GetEnvironmentVariable("DRUGTRACE_E2E_SHOTS") is { Length: > 0 } folder)
                await page.Locator(".label-cell").First.ScreenshotAsync(new() { Path = Path.Combine(folder, "label-long-name.png"), Scale = ScreenshotScale.Device });
            Assert.Equal(3, labels.GetArrayLength());
            foreach (var label in labels.EnumerateArray())
            {
                var serial = label.GetProperty("serial").GetString()!;
                Assert.Equal(LongName, label.GetProperty("name").GetString());
                Assert.True(label.GetProperty("textsInside").GetBoolean(), $"a text line of {serial} leaves its label or runs into the code");
                Assert.True(label.GetProperty("linesApart").GetBoolean(), $"text lines of {serial} overlap");
                Assert.DoesNotContain("Mono", label.GetProperty("font").GetString());
                Assert.Equal($"(01){gtin}(17)310331(10){lot}(21){serial}", label.GetProperty("caption").GetString());
                Assert.True(label.GetProperty("captionInside").GetBoolean(), $"the element string of {serial} is cut or leaves its label");
            }
            Assert.Equal(serials.Order(), labels.EnumerateArray().Select(l => l.GetProperty("serial").GetString()!).Order());
        }
    }
}
