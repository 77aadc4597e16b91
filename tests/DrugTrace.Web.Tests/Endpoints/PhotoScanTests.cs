using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Web.Labels;
using DrugTrace.Web.Tests.Infrastructure;
using SkiaSharp;

namespace DrugTrace.Web.Tests.Endpoints;

[Collection(ApiCollection.Name)]
public sealed class PhotoScanTests(DrugTraceFactory factory)
{
    private static string Content(string gtin, string serial, string lot, string expiry) =>
        LabelContent.ElementString(gtin, serial, lot, DateOnly.Parse(expiry));

    [Fact]
    public async Task A_photo_of_a_genuine_pack_is_verified_by_the_same_use_case_as_a_scan()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var photo = Photos.Of(LabelCode.DataMatrix, Content(gtin, serials[0], lot, expiry));

        var response = await manufacturer.PostAsync("/api/v1/scans/image", Photos.Form(photo));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.GetRawText());
        Assert.Equal("ok", body.Verdict());
        Assert.Equal(serials[0], body.GetProperty("pack").GetProperty("serial").GetString());
        Assert.Equal("]d2", body.GetProperty("read").GetProperty("symbologyId").GetString());
        Assert.Contains("⟨GS⟩21" + serials[0], body.GetProperty("read").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_12_megapixel_JPEG_and_a_ship_action_work_like_a_scan()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var photo = Photos.Of(LabelCode.DataMatrix, Content(gtin, serials[0], lot, expiry), 4000, 3000, moduleSize: 24, SKEncodedImageFormat.Jpeg);
        var form = Photos.Form(photo, "IMG_0001.jpg", "ship");
        form.Add(new StringContent(Demo.PharmacyGln), "to");

        var response = await manufacturer.PostAsync("/api/v1/scans/image", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.GetRawText());
        Assert.Equal("ok", body.Verdict());
        Assert.Equal("InTransit", body.GetProperty("pack").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_Digital_Link_QR_photo_is_read_as_the_pack()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var link = $"https://id.example.org/01/{gtin}/10/{lot}/21/{serials[0]}?17={expiry[2..4]}{expiry[5..7]}{expiry[8..10]}";

        var response = await manufacturer.PostAsync("/api/v1/scans/image", Photos.Form(Photos.Of(LabelCode.DigitalLinkQr, link)));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.GetRawText());
        Assert.Equal("ok", body.Verdict());
    }

    public static TheoryData<string, int, string> BadPhotos => new()
    {
        { "blank", 422, "No code found" },
        { "two-codes", 422, "2 codes" },
        { "text", 400, "not an image" },
        { "gif", 415, "GIF images are not supported" },
        { "broken-png", 400, "damaged" },
        { "plain-datamatrix", 400, "not GS1 data" },
        { "other-site-qr", 400, "Digital Link" },
        { "truncated", 400, "" },
    };

    [Theory]
    [MemberData(nameof(BadPhotos))]
    public async Task Bad_photos_get_a_clear_message_and_nothing_is_stored(string kind, int status, string words)
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 2);
        var genuine = Photos.Of(LabelCode.DataMatrix, Content(gtin, serials[0], lot, expiry));
        byte[] file = kind switch
        {
            "blank" => Photos.Of([]),
            "two-codes" => Photos.Of([(LabelCode.DataMatrix, Content(gtin, serials[0], lot, expiry)), (LabelCode.DataMatrix, Content(gtin, serials[1], lot, expiry))], 1600, 900, 8),
            "text" => "this is not a picture"u8.ToArray(),
            "gif" => [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0],
            "broken-png" => genuine[..40],
            "plain-datamatrix" => Photos.Of(LabelCode.DataMatrix, "HELLO PHARMACY 12345"),
            "other-site-qr" => Photos.Of(LabelCode.DigitalLinkQr, "https://www.example.com/promo/spring-sale"),
            "truncated" => Photos.Of(LabelCode.DataMatrix, "\u001d01" + gtin + "17" + expiry[2..4]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var regulator = factory.ClientFor(Demo.RegulatorKey);
        var alertsBefore = await AlertCountAsync(regulator);

        var response = await manufacturer.PostAsync("/api/v1/scans/image", Photos.Form(file));

        var problem = await Api.ProblemAsync(response, (HttpStatusCode)status);
        Assert.Contains(words, problem.GetProperty("detail").GetString());
        Assert.Equal(alertsBefore, await AlertCountAsync(regulator));
        var history = await manufacturer.GetFromJsonAsync<JsonElement>($"/api/v1/packs/{gtin}/{serials[0]}");
        Assert.Single(history.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task A_50_MB_upload_is_refused_as_too_large()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var big = new byte[50 * 1024 * 1024];
        big[0] = 0xFF; big[1] = 0xD8; big[2] = 0xFF;

        var response = await manufacturer.PostAsync("/api/v1/scans/image", Photos.Form(big, "huge.jpg"));

        var problem = await Api.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("too large", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Without_a_file_or_key_the_answer_says_so()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var empty = new MultipartFormDataContent { { new StringContent("verify"), "action" } };
        Assert.Contains("'image'", (await Api.ProblemAsync(await manufacturer.PostAsync("/api/v1/scans/image", empty), HttpStatusCode.BadRequest)).GetRawText());
        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/scans/image", Photos.Form([1, 2, 3]))).StatusCode);
    }

    private static async Task<int> AlertCountAsync(HttpClient regulator)
    {
        var alerts = await regulator.GetFromJsonAsync<JsonElement>("/api/v1/alerts?take=1000");
        return alerts.EnumerateArray().Sum(a => a.TryGetProperty("count", out var c) ? c.GetInt32() : 1);
    }
}
