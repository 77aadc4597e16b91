using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DrugTrace.Domain.Gs1;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Web.Tests.Security;

/// <summary>One free-text rule, set 82 for lots and serials, the GS1 century rule, company prefixes, and 400s that name fields, not types.</summary>
[Collection(ApiCollection.Name)]
public sealed class InputRulesTests(DrugTraceFactory factory)
{
    public static TheoryData<string, string> BadText => new()
    {
        { "Amoxi\0cillin", "NUL" },
        { "Amoxi\u0007cillin", "control character" },
        { "Amoxicillin\r\n500 mg", "line break" },
        { "Amoxicillin \u202Egnp.exe", "bidirectional" },
        { "Amoxicillin\u2066 500", "bidirectional" },
    };

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task Every_free_text_field_refuses_NUL_controls_line_breaks_and_bidi_overrides_naming_the_field(string text, string what)
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var gtin = Api.NewGtin();
        foreach (var (field, body) in new (string, object)[]
                 {
                     ("name", new { gtin, name = text }),
                     ("form", new { gtin, name = "Fine", form = text }),
                     ("strength", new { gtin, name = "Fine", strength = text }),
                 })
        {
            var problem = await Api.ProblemAsync(await manufacturer.PostAsJsonAsync("/api/v1/products", body), HttpStatusCode.BadRequest);
            var message = Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString()!;
            Assert.Contains($"The {field} contains", message);
            Assert.Contains(what, message);
        }
        Assert.DoesNotContain(gtin, await manufacturer.GetStringAsync("/api/v1/products"));

        var party = await factory.ClientFor(Demo.RegulatorKey).PostAsJsonAsync("/api/v1/parties", new { gln = "4012349000098", name = text, role = "Pharmacy" });
        Assert.True((await Api.ProblemAsync(party, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task A_recall_reason_or_an_alert_note_with_a_bidi_override_is_refused_and_nothing_changes()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, _, serials) = await Api.NewLotAsync(manufacturer, 1);
        var recall = await manufacturer.PostAsJsonAsync($"/api/v1/lots/{gtin}/{lot}/recall", new { reason = "Contamination \u202Edetcepsus" });
        Assert.True((await Api.ProblemAsync(recall, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));
        var page = await manufacturer.GetFromJsonAsync<JsonElement>($"/api/v1/lots/{gtin}/{lot}/packs");
        Assert.False(page.GetProperty("recalled").GetBoolean());

        var alert = await Api.ScanAsync(factory.ClientFor(Demo.PharmacyKey), Api.Code(gtin, serials[0] + "X", lot, "2030-06-30"), "verify");
        var id = alert.GetProperty("alerts")[0].GetProperty("id").GetString();
        var regulator = factory.ClientFor(Demo.RegulatorKey);
        var note = await regulator.PatchAsJsonAsync($"/api/v1/alerts/{id}", new { note = "seen\0" });
        Assert.True((await Api.ProblemAsync(note, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("note", out _));
        var stored = await regulator.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{id}");
        Assert.DoesNotContain("seen", stored.GetRawText());
    }

    [Theory]
    [InlineData("AB\0C")]
    [InlineData("\0")]
    [InlineData("LOT 1")]
    [InlineData("LOT\u00e9")]
    public async Task A_lot_number_outside_set_82_NUL_included_is_refused_and_no_lot_is_stored(string lot)
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var gtin = Api.NewGtin();
        (await manufacturer.PostAsJsonAsync("/api/v1/products", new { gtin, name = "Set 82 tablets" })).EnsureSuccessStatusCode();
        var response = await manufacturer.PostAsJsonAsync("/api/v1/lots", new { gtin, lot, expiry = "2030-01-31", quantity = 1 });
        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("set 82", problem.GetProperty("errors").GetProperty("lot")[0].GetString());
        Assert.Equal(0, Count("SELECT COUNT(*) FROM lots WHERE gtin = $g", gtin));
    }

    [Fact]
    public async Task A_serial_outside_set_82_is_refused_in_a_path_and_a_NUL_in_a_scanned_serial_too()
    {
        var regulator = factory.ClientFor(Demo.RegulatorKey);
        // A NUL cannot even arrive in a path (the server refuses %00 before routing); a space can.
        var problem = await Api.ProblemAsync(await regulator.GetAsync("/api/v1/packs/04012345000115/AB%20CD"), HttpStatusCode.BadRequest);
        Assert.Contains("U+0020", problem.GetProperty("errors").GetProperty("serial")[0].GetString());

        var scan = await factory.ClientFor(Demo.PharmacyKey).PostAsJsonAsync("/api/v1/scans",
            new { code = "(01)04012345000115(17)291231(10)LOT1(21)AB\u0000CD", action = "verify" });
        Assert.True((await Api.ProblemAsync(scan, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("code", out _));
    }

    [Fact]
    public async Task An_expiry_YYMMDD_cannot_express_under_the_century_rule_is_refused()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var gtin = Api.NewGtin();
        (await manufacturer.PostAsJsonAsync("/api/v1/products", new { gtin, name = "Century tablets" })).EnsureSuccessStatusCode();
        var lastYear = DateTime.UtcNow.Year + 50;

        foreach (var expiry in new[] { "9999-12-31", $"{lastYear + 1}-01-31" })
        {
            var problem = await Api.ProblemAsync(
                await manufacturer.PostAsJsonAsync("/api/v1/lots", new { gtin, lot = "C" + expiry[..4], expiry, quantity = 1 }), HttpStatusCode.BadRequest);
            Assert.Contains("century rule", problem.GetProperty("errors").GetProperty("expiry")[0].GetString());
        }
        Assert.Equal(0, Count("SELECT COUNT(*) FROM lots WHERE gtin = $g", gtin));

        var ok = await manufacturer.PostAsJsonAsync("/api/v1/lots", new { gtin, lot = "CLAST", expiry = $"{lastYear}-12-31", quantity = 1 });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task A_manufacturer_registers_GTINs_under_its_own_company_prefixes_only()
    {
        var helvetia = factory.ClientFor(Demo.ManufacturerKey);
        var nordicGtin = Gtin14("05012345", Random.Shared.Next(1000, 9999));
        var refused = await helvetia.PostAsJsonAsync("/api/v1/products", new { gtin = nordicGtin, name = "Not ours" });
        Assert.Contains("not under Helvetia Pharma AG's GS1 company prefixes (4012345)", (await Api.ProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        Assert.Equal(0, Count("SELECT COUNT(*) FROM products WHERE gtin = $g", nordicGtin));
        Assert.Equal(HttpStatusCode.Created, (await factory.ClientFor(Demo.OtherManufacturerKey).PostAsJsonAsync("/api/v1/products", new { gtin = nordicGtin, name = "Ours" })).StatusCode);

        // A new manufacturer's prefixes come with its registration.
        var regulator = factory.ClientFor(Demo.RegulatorKey);
        var gln = "7612345" + Random.Shared.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        gln += CheckDigit.Compute(gln);
        await Api.ProblemAsync(await regulator.PostAsJsonAsync("/api/v1/parties", new { gln, name = "Alpen Pharma", role = "Manufacturer", companyPrefixes = new[] { "76x2" } }),
            HttpStatusCode.BadRequest);
        var created = await regulator.PostAsJsonAsync("/api/v1/parties", new { gln, name = "Alpen Pharma", role = "Manufacturer", companyPrefixes = new[] { "7612345" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var alpen = factory.ClientFor((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!);
        Assert.Equal(HttpStatusCode.Created, (await alpen.PostAsJsonAsync("/api/v1/products", new { gtin = Gtin14("07612345", 1234), name = "Alpen drops" })).StatusCode);
        await Api.ProblemAsync(await alpen.PostAsJsonAsync("/api/v1/products", new { gtin = Api.NewGtin(), name = "Helvetia's number" }), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=XYZ", "this is not a multipart body at all")]
    [InlineData("multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\n\u0089PNG")]
    [InlineData("multipart/form-data", "--XYZ\r\n\r\n--XYZ--")]
    public async Task A_malformed_multipart_upload_is_a_400_and_logs_no_scan(string contentType, string body)
    {
        var before = Count("SELECT COUNT(*) FROM scans", "");
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await factory.ClientFor(Demo.PharmacyKey).PostAsync("/api/v1/scans/image", content);
        var problem = await Api.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("multipart", problem.GetProperty("detail").GetString());
        Assert.Equal(before, Count("SELECT COUNT(*) FROM scans", ""));
    }

    [Theory]
    [InlineData("""{"gtin":"04012345000115","lot":"X","expiry":"2030-01-01","quantity":"many"}""", "$.quantity")]
    [InlineData("""{"gtin":"04012345000115","lot":"X","expiry":"2030-01-01","quantity":1.5}""", "$.quantity")]
    [InlineData("""["not","an","object"]""", "wrong shape")]
    [InlineData("""{"gtin":["04012345000115"]}""", "$.gtin")]
    public async Task A_400_names_the_field_and_never_an_internal_type(string body, string expected)
    {
        var response = await factory.ClientFor(Demo.ManufacturerKey).PostAsync("/api/v1/lots", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = (await Api.ProblemAsync(response, HttpStatusCode.BadRequest)).GetRawText();
        Assert.Contains(expected, text);
        foreach (var leak in new[] { "System.", "DrugTrace.", "Int32", "NewLot", "String" })
            Assert.DoesNotContain(leak, text);

        var query = await factory.ClientFor(Demo.ManufacturerKey).GetAsync("/api/v1/lots/04012345000115/X/packs?skip=abc");
        var queryText = (await Api.ProblemAsync(query, HttpStatusCode.BadRequest)).GetRawText();
        Assert.Contains("skip", queryText);
        Assert.DoesNotContain("Int32", queryText);
        Assert.DoesNotContain("Nullable", queryText);
    }

    private static string Gtin14(string companyPrefix8, int item)
    {
        var body = companyPrefix8 + item.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "7";
        return body + CheckDigit.Compute(body);
    }

    private long Count(string sql, string gtin)
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$g", gtin);
        return (long)command.ExecuteScalar()!;
    }
}
