using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Investigations;

/// <summary>Issue #15 point 3 over HTTP: the scan actions quarantine, release and confirm-illegitimate, and how a held pack answers.</summary>
[Collection(ApiCollection.Name)]
public sealed class InvestigationEndpointTests(DrugTraceFactory factory)
{
    private async Task<(string Gtin, string Lot, string Serial, string Code)> PackAtWholesalerAsync()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        var code = Api.Code(gtin, serials[0], lot, expiry);
        await Api.ScanAsync(manufacturer, code, "ship", to: Demo.WholesalerGln);
        Assert.Equal("ok", (await Api.ScanAsync(factory.ClientFor(Demo.WholesalerKey), code, "receive")).Verdict());
        return (gtin, lot, serials[0], code);
    }

    private static async Task<JsonElement> PackAsync(HttpClient client, string gtin, string serial) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/packs/{gtin}/{serial}");

    [Fact]
    public async Task A_quarantined_pack_answers_quarantined_to_a_scan_the_vrs_and_the_public_check()
    {
        var wholesaler = factory.ClientFor(Demo.WholesalerKey);
        var (gtin, lot, serial, code) = await PackAtWholesalerAsync();

        var held = await Api.ScanAsync(wholesaler, code, "quarantine", reason: "Returned with a broken seal");
        Assert.Equal(("ok", "Quarantined"), (held.Verdict(), held.GetProperty("pack").GetProperty("status").GetString()));

        var verified = await Api.ScanAsync(wholesaler, code, "verify");
        Assert.Equal("warning", verified.Verdict());
        Assert.Contains("Quarantined since", verified.GetProperty("message").GetString());
        Assert.Equal("refused", (await Api.ScanAsync(wholesaler, code, "ship", to: Demo.PharmacyGln)).Verdict());

        var vrs = await wholesaler.GetFromJsonAsync<JsonElement>(
            $"/vrs/verify/gtin/{gtin}/lot/{lot}/ser/{serial}?exp=300630&linkType=verificationService&context=dscsaSaleableReturn&reqGLN={Demo.WholesalerGln}");
        Assert.Equal("Suspect", vrs.GetProperty("data").GetProperty("additionalInfo").GetString());

        var page = await factory.CreateClient().GetStringAsync($"/01/{gtin}/21/{serial}");
        Assert.Contains("Do not use: under investigation", page);
        Assert.DoesNotContain("broken seal", page);

        // The chain names each event's actor, and the audit's replay accepts it.
        var events = (await PackAsync(wholesaler, gtin, serial)).GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(("Quarantined", Demo.WholesalerGln), (events[^1].GetProperty("type").GetString(), events[^1].GetProperty("actor").GetString()));
        var audit = await Api.AuditAsync(factory.ClientFor(Demo.RegulatorKey));
        Assert.True(audit.GetProperty("valid").GetBoolean(), audit.GetRawText());
    }

    [Fact]
    public async Task A_quarantine_without_a_reason_is_a_400_and_stores_nothing()
    {
        var wholesaler = factory.ClientFor(Demo.WholesalerKey);
        var (gtin, _, serial, code) = await PackAtWholesalerAsync();
        var before = (await PackAsync(wholesaler, gtin, serial)).GetProperty("events").GetArrayLength();

        var problem = await Api.ProblemAsync(
            await wholesaler.PostAsJsonAsync("/api/v1/scans", new { code, action = "quarantine", reason = " " }), HttpStatusCode.BadRequest);

        Assert.Equal("Say why the pack is quarantined: what makes it suspect.", problem.GetProperty("errors").GetProperty("reason")[0].GetString());
        var after = await PackAsync(wholesaler, gtin, serial);
        Assert.Equal((before, "Active"), (after.GetProperty("events").GetArrayLength(), after.GetProperty("pack").GetProperty("status").GetString()));
    }

    /// <summary>Issue #12 point 4: the one free-text rule holds for an investigation's reason and notes too.</summary>
    [Fact]
    public async Task A_quarantine_reason_or_a_release_note_with_a_bidi_override_a_line_break_or_a_NUL_is_a_400_and_stores_nothing()
    {
        var wholesaler = factory.ClientFor(Demo.WholesalerKey);
        var (gtin, _, serial, code) = await PackAtWholesalerAsync();
        var before = (await PackAsync(wholesaler, gtin, serial)).GetProperty("events").GetArrayLength();

        foreach (var reason in new[] { "Broken seal \u202Edetcepsus", "Broken seal\r\nForged: yes", "Broken\0seal" })
        {
            var problem = await Api.ProblemAsync(
                await wholesaler.PostAsJsonAsync("/api/v1/scans", new { code, action = "quarantine", reason }), HttpStatusCode.BadRequest);
            Assert.Contains("plain text on one line", problem.GetProperty("errors").GetProperty("reason")[0].GetString());
        }
        var after = await PackAsync(wholesaler, gtin, serial);
        Assert.Equal((before, "Active"), (after.GetProperty("events").GetArrayLength(), after.GetProperty("pack").GetProperty("status").GetString()));

        await Api.ScanAsync(wholesaler, code, "quarantine", reason: "Returned with a broken seal");
        foreach (var action in new[] { "release", "confirm-illegitimate" })
        {
            var problem = await Api.ProblemAsync(
                await wholesaler.PostAsJsonAsync("/api/v1/scans", new { code, action, reason = "checked \u2066hidden\u2069" }), HttpStatusCode.BadRequest);
            Assert.Contains("bidirectional", problem.GetProperty("errors").GetProperty("reason")[0].GetString());
        }
        Assert.Equal("Quarantined", (await PackAsync(wholesaler, gtin, serial)).GetProperty("pack").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_release_by_an_uninvolved_party_is_a_403_and_a_release_by_the_quarantiner_restores_the_pack()
    {
        var wholesaler = factory.ClientFor(Demo.WholesalerKey);
        var (gtin, _, serial, code) = await PackAtWholesalerAsync();
        await Api.ScanAsync(wholesaler, code, "quarantine", reason: "Label reprinted by hand");

        var problem = await Api.ProblemAsync(
            await factory.ClientFor(Demo.PharmacyKey).PostAsJsonAsync("/api/v1/scans", new { code, action = "release" }), HttpStatusCode.Forbidden);
        Assert.Contains("Only the party that quarantined this pack or a regulator", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("Atlas", problem.GetRawText());
        Assert.Equal("Quarantined", (await PackAsync(wholesaler, gtin, serial)).GetProperty("pack").GetProperty("status").GetString());

        var released = await Api.ScanAsync(wholesaler, code, "release", reason: "Reprint confirmed by the maker");
        Assert.Equal(("ok", "Active"), (released.Verdict(), released.GetProperty("pack").GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Confirm_illegitimate_raises_a_critical_alert_for_the_regulator_and_the_brand_owner_with_its_notification_due()
    {
        var wholesaler = factory.ClientFor(Demo.WholesalerKey);
        var (gtin, _, serial, code) = await PackAtWholesalerAsync();
        await Api.ScanAsync(wholesaler, code, "quarantine", reason: "Blister foil wrong colour");

        var confirmed = await Api.ScanAsync(wholesaler, code, "confirm-illegitimate", reason: "Lab test: no active ingredient");

        Assert.Equal(("ok", "Illegitimate"), (confirmed.Verdict(), confirmed.GetProperty("pack").GetProperty("status").GetString()));
        Assert.Equal(["ConfirmedIllegitimate"], confirmed.AlertKinds());
        var id = confirmed.GetProperty("alerts")[0].GetProperty("id").GetString();
        foreach (var key in new[] { Demo.RegulatorKey, Demo.ManufacturerKey })
        {
            var alert = await factory.ClientFor(key).GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{id}");
            Assert.Equal(("ConfirmedIllegitimate", "critical"), (alert.GetProperty("kind").GetString(), alert.GetProperty("severity").GetString()));
            var raised = alert.GetProperty("raisedAt").GetDateTimeOffset();
            Assert.Equal(raised.AddHours(24), alert.GetProperty("notificationDue").GetDateTimeOffset());
        }
        Assert.Equal("Illegitimate", (await PackAsync(wholesaler, gtin, serial)).GetProperty("pack").GetProperty("status").GetString());
    }
}
