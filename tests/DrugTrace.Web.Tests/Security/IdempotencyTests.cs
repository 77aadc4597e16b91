using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace DrugTrace.Web.Tests.Security;

/// <summary>
/// The Idempotency-Key header of POST /api/v1/lots and /api/v1/scans, through the real pipeline:
/// a repeat gets the first answer and stores nothing, another body is a 422, keys are per party,
/// concurrent repeats write once, a malformed key is a 400, and without a key nothing changes.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(DrugTraceFactory factory)
{
    private const string Header = "Idempotency-Key";

    private static string NewKey() => Guid.NewGuid().ToString();

    private static HttpRequestMessage Post(string path, object body, params string[] keys)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        foreach (var key in keys) request.Headers.TryAddWithoutValidation(Header, key);
        return request;
    }

    private async Task<(string Gtin, string Lot)> NewProductAsync(HttpClient manufacturer, string prefix = "4012345")
    {
        var gtin = Api.NewGtin(prefix);
        (await manufacturer.PostAsJsonAsync("/api/v1/products", new { gtin, name = "Idempotent tablets " + gtin })).EnsureSuccessStatusCode();
        return (gtin, "I" + gtin[^6..]);
    }

    [Fact]
    public async Task A_repeated_commission_gets_the_first_answer_and_commissions_nothing_more()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot) = await NewProductAsync(manufacturer);
        var body = new { gtin, lot, expiry = "2030-06-30", quantity = 3 };
        var key = NewKey();

        var first = await manufacturer.SendAsync(Post("/api/v1/lots", body, key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstText = await first.Content.ReadAsStringAsync();
        var before = Stored();

        var again = await manufacturer.SendAsync(Post("/api/v1/lots", body, key));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(firstText, await again.Content.ReadAsStringAsync());
        Assert.Equal(3, JsonDocument.Parse(firstText).RootElement.GetProperty("serials").GetArrayLength());
        Assert.Equal(before, Stored());
        Assert.Equal(3, Count("SELECT COUNT(*) FROM packs WHERE gtin = $g", gtin));
    }

    [Fact]
    public async Task A_repeated_scan_gets_the_same_verdict_and_event_and_writes_nothing()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var ship = new { code = Api.Code(gtin, serials[0], lot, expiry), action = "ship", to = Demo.PharmacyGln };
        var key = NewKey();

        var first = await manufacturer.SendAsync(Post("/api/v1/scans", ship, key));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstText = await first.Content.ReadAsStringAsync();
        var outcome = JsonDocument.Parse(firstText).RootElement;
        Assert.Equal("ok", outcome.Verdict());
        Assert.Equal(1, outcome.GetProperty("event").GetProperty("seq").GetInt32());
        var before = Stored();

        var again = await manufacturer.SendAsync(Post("/api/v1/scans", ship, key));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(firstText, await again.Content.ReadAsStringAsync());
        Assert.Equal(before, Stored());
        Assert.Equal(2, Count("SELECT COUNT(*) FROM events WHERE gtin = $g AND type <> 'LotRegistered'", gtin));
        // Without the key the same scan runs again: the pack is already on its way, and that is said.
        var unkeyed = await Api.ScanAsync(manufacturer, ship.code, "ship", to: Demo.PharmacyGln);
        Assert.NotEqual("ok", unkeyed.Verdict());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_and_changes_nothing()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot) = await NewProductAsync(manufacturer);
        var key = NewKey();
        Assert.Equal(HttpStatusCode.Created,
            (await manufacturer.SendAsync(Post("/api/v1/lots", new { gtin, lot, expiry = "2030-06-30", quantity = 2 }, key))).StatusCode);
        var before = Stored();

        var other = await manufacturer.SendAsync(Post("/api/v1/lots", new { gtin, lot = lot + "B", expiry = "2030-06-30", quantity = 2 }, key));
        var problem = await Api.ProblemAsync(other, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("another request", problem.GetProperty("detail").GetString());
        Assert.Contains(key, problem.GetProperty("detail").GetString());

        // A scan is another request too, even with a key a commission used.
        var scan = await manufacturer.SendAsync(Post("/api/v1/scans", new { code = "(01)" + gtin, action = "verify" }, key));
        await Api.ProblemAsync(scan, HttpStatusCode.UnprocessableEntity);

        Assert.Equal(before, Stored());
        Assert.Equal(0, Count("SELECT COUNT(*) FROM lots WHERE gtin = $g AND lot LIKE '%B'", gtin));
    }

    [Fact]
    public async Task Keys_are_per_party_so_another_partys_identical_key_is_independent()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var verify = new { code = Api.Code(gtin, serials[0], lot, expiry), action = "verify" };
        var key = NewKey();
        var before = Count("SELECT COUNT(*) FROM scans WHERE gtin = $g", gtin);

        var byPharmacy = await factory.ClientFor(Demo.PharmacyKey).SendAsync(Post("/api/v1/scans", verify, key));
        var byWholesaler = await factory.ClientFor(Demo.WholesalerKey).SendAsync(Post("/api/v1/scans", verify, key));
        // And a manufacturer's commission with the key others used for scans is its own as well.
        var (otherGtin, otherLot) = await NewProductAsync(factory.ClientFor(Demo.OtherManufacturerKey), "5012345");
        var commission = await factory.ClientFor(Demo.OtherManufacturerKey)
            .SendAsync(Post("/api/v1/lots", new { gtin = otherGtin, lot = otherLot, expiry = "2030-06-30", quantity = 1 }, key));

        Assert.Equal(HttpStatusCode.OK, byPharmacy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byWholesaler.StatusCode);
        Assert.Equal(HttpStatusCode.Created, commission.StatusCode);
        Assert.Equal(before + 2, await ScanRowsAsync(gtin, before + 2));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM packs WHERE gtin = $g", otherGtin));
    }

    [Fact]
    public async Task Without_a_key_every_request_runs_as_before()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var code = Api.Code(gtin, serials[0], lot, expiry);
        var before = Count("SELECT COUNT(*) FROM scans WHERE gtin = $g", gtin);
        var keysBefore = Count("SELECT COUNT(*) FROM idempotency");

        await Api.ScanAsync(manufacturer, code, "verify");
        await Api.ScanAsync(manufacturer, code, "verify");
        var twice = await manufacturer.PostAsJsonAsync("/api/v1/lots", new { gtin, lot, expiry, quantity = 1 });

        Assert.Equal(before + 2, await ScanRowsAsync(gtin, before + 2));
        Assert.Contains("already registered", (await Api.ProblemAsync(twice, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal(keysBefore, Count("SELECT COUNT(*) FROM idempotency"));
    }

    [Fact]
    public async Task Concurrent_repeats_of_one_keyed_handoff_write_it_once()
    {
        const int Repeats = 12;
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var ship = new { code = Api.Code(gtin, serials[0], lot, expiry), action = "ship", to = Demo.PharmacyGln };
        var key = NewKey();

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = Enumerable.Range(0, Repeats).Select(_ => factory.ClientFor(Demo.ManufacturerKey)).Select(client => Task.Run(async () =>
        {
            await gate.Task;
            var response = await client.SendAsync(Post("/api/v1/scans", ship, key));
            return (response.StatusCode, response.Headers.RetryAfter, Text: await response.Content.ReadAsStringAsync());
        })).ToList();
        gate.SetResult();
        var answers = await Task.WhenAll(sends);

        // Exactly one handoff and one scan were written, whatever each caller was told.
        Assert.Equal(1, Count("SELECT COUNT(*) FROM events WHERE gtin = $g AND type = 'Shipped'", gtin));
        Assert.Equal(1, await ScanRowsAsync(gtin, 1));
        var settled = await manufacturer.SendAsync(Post("/api/v1/scans", ship, key));
        Assert.Equal(HttpStatusCode.OK, settled.StatusCode);
        var final = await settled.Content.ReadAsStringAsync();
        Assert.Equal("ok", JsonDocument.Parse(final).RootElement.Verdict());
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers, a =>
        {
            if (a.StatusCode == HttpStatusCode.OK) Assert.Equal(final, a.Text);
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, a.StatusCode);
                Assert.Contains("still running", a.Text);
                Assert.NotNull(a.RetryAfter);
            }
        });
        Assert.Equal(1, await ScanRowsAsync(gtin, 1));
    }

    /// <summary>
    /// The process died between the scan's commit and the saving of its answer: the key's claim stays
    /// unanswered (made so here in the database). A repeat inside the lease (Idempotency:AbandonedAfter,
    /// 5 minutes) is told the first is still running (409, nothing more done); once the claim is older,
    /// the repeat takes it over, the ledger recognises the committed event (same party, same scan time),
    /// and that answer is kept and replayed.
    /// </summary>
    [Fact]
    public async Task A_claim_left_unanswered_by_a_crash_is_taken_over_after_its_lease_and_gets_the_committed_event()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var ship = new { code = Api.Code(gtin, serials[0], lot, expiry), action = "ship", to = Demo.PharmacyGln, scannedAt = DateTimeOffset.UtcNow.AddMinutes(-10) };
        var key = NewKey();
        var first = await manufacturer.SendAsync(Post("/api/v1/scans", ship, key));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstEvent = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("event").GetRawText();
        Assert.Equal(1, Execute("UPDATE idempotency SET answer = NULL, completed_at = NULL WHERE key = $k", key));
        var before = Stored();

        var running = await manufacturer.SendAsync(Post("/api/v1/scans", ship, key));
        Assert.Contains("still running", (await Api.ProblemAsync(running, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal(before, Stored());

        Assert.Equal(1, Execute("UPDATE idempotency SET created_at = created_at - 360000 WHERE key = $k", key));
        var taken = await manufacturer.SendAsync(Post("/api/v1/scans", ship, key));
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var takenText = await taken.Content.ReadAsStringAsync();
        var outcome = JsonDocument.Parse(takenText).RootElement;
        Assert.Equal("ok", outcome.Verdict());
        Assert.Equal(firstEvent, outcome.GetProperty("event").GetRawText());
        Assert.Equal(2, Count("SELECT COUNT(*) FROM events WHERE gtin = $g AND type <> 'LotRegistered'", gtin));

        var replayed = await manufacturer.SendAsync(Post("/api/v1/scans", ship, key));
        Assert.Equal(takenText, await replayed.Content.ReadAsStringAsync());
    }

    /// <summary>What a crash leaves behind, written beside the running app (SQLite waits for its writer).</summary>
    private int Execute(string sql, string key)
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False;Default Timeout=60");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteNonQuery();
    }

    [Fact]
    public async Task A_request_that_failed_keeps_nothing_so_its_key_can_be_retried()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var gtin = Api.NewGtin();
        var body = new { gtin, lot = "R" + gtin[^6..], expiry = "2030-06-30", quantity = 2 };
        var key = NewKey();

        // The product is not registered yet: a 404 that stored nothing, and the key is not spent on it.
        await Api.ProblemAsync(await manufacturer.SendAsync(Post("/api/v1/lots", body, key)), HttpStatusCode.NotFound);
        (await manufacturer.PostAsJsonAsync("/api/v1/products", new { gtin, name = "Late tablets" })).EnsureSuccessStatusCode();
        var retried = await manufacturer.SendAsync(Post("/api/v1/lots", body, key));

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(2, Count("SELECT COUNT(*) FROM packs WHERE gtin = $g", gtin));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\"\"")]
    [InlineData("has space")]
    [InlineData("tab\tinside")]
    [InlineData("caf\u00e9")]
    [InlineData("256")]
    public async Task A_malformed_or_too_long_key_is_a_400_naming_the_header_and_stores_nothing(string key)
    {
        if (key == "256") key = new string('k', 256);
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot) = await NewProductAsync(manufacturer);
        var before = Stored();

        var lotAnswer = await manufacturer.SendAsync(Post("/api/v1/lots", new { gtin, lot, expiry = "2030-06-30", quantity = 1 }, key));
        var scanAnswer = await manufacturer.SendAsync(Post("/api/v1/scans", new { code = "(01)" + gtin, action = "verify" }, key));

        foreach (var answer in new[] { lotAnswer, scanAnswer })
        {
            var problem = await Api.ProblemAsync(answer, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(Header, out _), problem.ToString());
            Assert.Contains(Header, problem.GetProperty("detail").GetString());
        }
        Assert.Equal(before, Stored());
    }

    [Fact]
    public async Task Two_keys_on_one_request_are_a_400_and_a_quoted_key_is_the_same_key()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot) = await NewProductAsync(manufacturer);
        var body = new { gtin, lot, expiry = "2030-06-30", quantity = 1 };
        var key = NewKey();

        await Api.ProblemAsync(await manufacturer.SendAsync(Post("/api/v1/lots", body, key, NewKey())), HttpStatusCode.BadRequest);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM packs WHERE gtin = $g", gtin));

        var first = await manufacturer.SendAsync(Post("/api/v1/lots", body, key));
        var quoted = await manufacturer.SendAsync(Post("/api/v1/lots", body, $"\"{key}\""));
        Assert.Equal(HttpStatusCode.Created, quoted.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await quoted.Content.ReadAsStringAsync());
        Assert.Equal(1, Count("SELECT COUNT(*) FROM packs WHERE gtin = $g", gtin));
    }

    [Fact]
    public async Task The_header_is_documented_on_both_operations_in_the_OpenAPI_document()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/lots", "/api/v1/scans" })
        {
            var parameters = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("parameters");
            var header = Assert.Single(parameters.EnumerateArray(), p => p.GetProperty("name").GetString() == Header);
            Assert.Equal("header", header.GetProperty("in").GetString());
            Assert.Contains("422", header.GetProperty("description").GetString());
        }
    }

    /// <summary>Rows of every table a request could write to, at once.</summary>
    private (long Events, long Packs, long Lots, long Scans, long Alerts) Stored() => (
        Count("SELECT COUNT(*) FROM events"), Count("SELECT COUNT(*) FROM packs"), Count("SELECT COUNT(*) FROM lots"),
        Count("SELECT COUNT(*) FROM scans"), Count("SELECT COUNT(*) FROM alerts"));

    /// <summary>
    /// The scan-log rows of <paramref name="gtin"/> once there are at least <paramref name="expected"/> (or after a
    /// minute): the rows are queued without the request waiting for them (the log is not the ledger), so counting at
    /// once could run before they are written on a loaded machine.
    /// </summary>
    private async Task<long> ScanRowsAsync(string gtin, long expected)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (Count("SELECT COUNT(*) FROM scans WHERE gtin = $g", gtin) < expected && DateTime.UtcNow < deadline) await Task.Delay(20);
        return Count("SELECT COUNT(*) FROM scans WHERE gtin = $g", gtin);
    }

    private long Count(string sql, string? value = null)
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (value is not null) command.Parameters.AddWithValue("$g", value);
        return (long)command.ExecuteScalar()!;
    }
}
