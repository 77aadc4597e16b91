using System.Net;
using System.Text.RegularExpressions;
using DrugTrace.Domain.Gs1;
using DrugTrace.Web.Labels;
using DrugTrace.Web.Tests.Infrastructure;
using ZXing;
using ZXing.Datamatrix;
using ZXing.Datamatrix.Encoder;

namespace DrugTrace.Web.Tests.Labels;

[Collection(ApiCollection.Name)]
public sealed class LabelTests(DrugTraceFactory factory)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Every_pack_label_decodes_back_to_its_pack_as_a_GS1_DataMatrix()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 4);
        foreach (var serial in serials)
        {
            var response = await manufacturer.GetAsync($"/api/v1/packs/{gtin}/{serial}/label.svg");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
            var svg = await response.Content.ReadAsStringAsync();

            var symbol = Assert.Single(Barcodes.Rasterize(svg));
            var read = Barcodes.Decode(symbol.Pixels, symbol.Width, symbol.Height);
            Assert.NotNull(read);
            Assert.Equal(BarcodeFormat.DATA_MATRIX, read.Value.Format);
            Assert.Equal("]d2", read.Value.SymbologyId);
            Assert.Equal($"\u001d01{gtin}17{expiry[2..4]}{expiry[5..7]}{expiry[8..10]}10{lot}\u001d21{serial}", read.Value.Text);
            AssertIdentity(read.Value.SymbologyId + read.Value.Text, gtin, serial, lot, expiry);

            // The human-readable text beside the code.
            foreach (var text in new[] { gtin, serial, lot, expiry, "GTIN", "SN", "LOT", "EXP" })
                Assert.Contains(text, svg);
        }
    }

    [Fact]
    public async Task The_lot_sheet_is_A4_and_every_label_on_it_decodes_to_a_different_pack_of_the_lot()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 25);

        var response = await manufacturer.GetAsync($"/api/v1/lots/{gtin}/{lot}/labels");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("size: A4", html);
        Assert.Equal(2, Regex.Count(html, "class=\"label-page\"")); // 25 labels, 21 per page

        var read = Barcodes.Rasterize(html).Select(s => Barcodes.Decode(s.Pixels, s.Width, s.Height)).ToList();
        Assert.Equal(25, read.Count);
        var identities = read.Select(r => Gs1Parser.ParsePack(r!.Value.SymbologyId + r.Value.Text, Today).Value!).ToList();
        Assert.All(identities, id => Assert.Equal((gtin, lot, DateOnly.Parse(expiry)), (id.Gtin.Value, id.Lot!, id.Expiry!.Value)));
        Assert.Equal(serials.Order(), identities.Select(i => i.Serial).Order());
    }

    [Fact]
    public async Task The_Digital_Link_QR_option_decodes_to_a_link_to_the_same_pack()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);

        var svg = await manufacturer.GetStringAsync($"/api/v1/packs/{gtin}/{serials[0]}/label.svg?code=digital-link-qr");
        var symbol = Assert.Single(Barcodes.Rasterize(svg));
        var read = Barcodes.Decode(symbol.Pixels, symbol.Width, symbol.Height)!.Value;
        Assert.Equal(BarcodeFormat.QR_CODE, read.Format);
        Assert.StartsWith(DrugTraceFactory.DigitalLinkBase + "/01/" + gtin + "/10/" + lot + "/21/", read.Text);
        AssertIdentity(read.Text, gtin, serials[0], lot, expiry);

        // A spoofed Host header does not end up on a printed label: the link is Labels:DigitalLinkBase.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/packs/{gtin}/{serials[0]}/label.svg?code=digital-link-qr");
        spoofed.Headers.Host = "evil.example";
        var spoofedSvg = await (await manufacturer.SendAsync(spoofed)).Content.ReadAsStringAsync();
        var spoofedSymbol = Assert.Single(Barcodes.Rasterize(spoofedSvg));
        var spoofedRead = Barcodes.Decode(spoofedSymbol.Pixels, spoofedSymbol.Width, spoofedSymbol.Height)!.Value;
        Assert.StartsWith(DrugTraceFactory.DigitalLinkBase + "/01/", spoofedRead.Text);

        var dm = await manufacturer.GetStringAsync($"/api/v1/packs/{gtin}/{serials[0]}/label.svg?code=digital-link-datamatrix");
        var dmSymbol = Assert.Single(Barcodes.Rasterize(dm));
        var dmRead = Barcodes.Decode(dmSymbol.Pixels, dmSymbol.Width, dmSymbol.Height)!.Value;
        Assert.Equal("]d1", dmRead.SymbologyId);
        AssertIdentity(dmRead.Text, gtin, serials[0], lot, expiry);
    }

    [Fact]
    public void The_element_string_renders_to_pixels_that_ZXing_reads_back_as_GS1()
    {
        var content = LabelContent.ElementString("04012345000115", "AB12cd34", "LOT-7", new DateOnly(2031, 2, 28));
        var writer = new BarcodeWriterPixelData
        {
            Format = BarcodeFormat.DATA_MATRIX,
            Options = new DatamatrixEncodingOptions { SymbolShape = SymbolShapeHint.FORCE_SQUARE, Margin = 2, Width = 160, Height = 160 },
        };
        var pixels = writer.Write(content);
        var reader = new BarcodeReaderGeneric { Options = { PossibleFormats = [BarcodeFormat.DATA_MATRIX], TryHarder = true } };
        var result = reader.Decode(new RGBLuminanceSource(pixels.Pixels, pixels.Width, pixels.Height, RGBLuminanceSource.BitmapFormat.BGRA32));
        Assert.Equal(content, result.Text);
        Assert.Equal("]d2", result.ResultMetadata[ResultMetadataType.SYMBOLOGY_IDENTIFIER]);

        // The renderer's own pixels read the same.
        var (gray, w, h) = LabelRenderer.Gray8(LabelCode.DataMatrix, content, 4);
        Assert.Equal(content, Barcodes.Decode(gray, w, h)!.Value.Text);
    }

    [Fact]
    public async Task Labels_are_for_the_brand_owner_and_say_what_is_wrong()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, _, serials) = await Api.NewLotAsync(manufacturer, 1);

        var badCode = await manufacturer.GetAsync($"/api/v1/packs/{gtin}/{serials[0]}/label.svg?code=aztec");
        Assert.Contains("not a label code", (await Api.ProblemAsync(badCode, HttpStatusCode.BadRequest)).GetRawText());
        var other = factory.ClientFor(Demo.OtherManufacturerKey);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/lots/{gtin}/{lot}/labels")).StatusCode);
        await Api.ProblemAsync(await other.GetAsync($"/api/v1/packs/{gtin}/{serials[0]}/label.svg"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await factory.ClientFor(Demo.RegulatorKey).GetAsync($"/api/v1/packs/{gtin}/{serials[0]}/label.svg")).StatusCode);

        // A pharmacy that holds the pack may see its history, but printing genuine codes is the brand owner's.
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var code = Api.Code(gtin, serials[0], lot, "2030-06-30");
        await Api.ScanAsync(manufacturer, code, "ship", to: Demo.PharmacyGln);
        await Api.ScanAsync(pharmacy, code, "receive");
        Assert.Equal(HttpStatusCode.OK, (await pharmacy.GetAsync($"/api/v1/packs/{gtin}/{serials[0]}")).StatusCode);
        await Api.ProblemAsync(await pharmacy.GetAsync($"/api/v1/packs/{gtin}/{serials[0]}/label.svg"), HttpStatusCode.Forbidden);
        var tooMany = await manufacturer.GetAsync($"/api/v1/lots/{gtin}/{lot}/labels?take=5000");
        await Api.ProblemAsync(tooMany, HttpStatusCode.BadRequest);
    }

    private static void AssertIdentity(string scanned, string gtin, string serial, string lot, string expiry)
    {
        var parsed = Gs1Parser.ParsePack(scanned, Today);
        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        var id = parsed.Value!;
        Assert.Equal((gtin, serial, lot, DateOnly.Parse(expiry)), (id.Gtin.Value, id.Serial, id.Lot!, id.Expiry!.Value));
    }
}
