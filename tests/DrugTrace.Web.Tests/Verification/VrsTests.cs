using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Verification;

/// <summary>The VRS responder: one test per failure reason, additionalInfo and status code.</summary>
[Collection(ApiCollection.Name)]
public sealed class VrsTests(DrugTraceFactory factory)
{
    private const string Exp = "300630"; // Api.NewLotAsync's expiry, 2030-06-30
    private const string Query = "linkType=verificationService&context=dscsaSaleableReturn";
    private HttpClient Wholesaler => factory.ClientFor(Demo.WholesalerKey);

    private static string PathForm(string gtin, string lot, string serial, string exp = Exp, string? extra = null) =>
        $"/vrs/verify/gtin/{gtin}/lot/{Uri.EscapeDataString(lot)}/ser/{Uri.EscapeDataString(serial)}?exp={exp}&{Query}&reqGLN={Demo.WholesalerGln}{extra}";

    private static string LinkForm(string gtin, string lot, string serial, string exp = Exp, string? extra = null) =>
        $"/vrs/01/{gtin}/10/{Uri.EscapeDataString(lot)}/21/{Uri.EscapeDataString(serial)}?17={exp}&{Query}&reqGLN={Demo.WholesalerGln}{extra}";

    private async Task<JsonElement> AnswerAsync(string url, HttpClient? client = null)
    {
        var response = await (client ?? Wholesaler).GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.True(response.Headers.CacheControl is { Private: true, NoCache: true }, response.Headers.CacheControl?.ToString());
        return JsonDocument.Parse(text).RootElement;
    }

    private static (bool Verified, string? Reason, string? Info) Data(JsonElement answer)
    {
        var data = answer.GetProperty("data");
        return (data.GetProperty("verified").GetBoolean(),
            data.TryGetProperty("verificationFailureReason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null,
            data.TryGetProperty("additionalInfo", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null);
    }

    [Fact]
    public async Task A_genuine_pack_is_verified_in_both_URL_forms_by_its_brand_owner_with_the_corrUUID_echoed()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, _, serials) = await Api.NewLotAsync(manufacturer, 1);
        var corr = Guid.NewGuid().ToString();

        foreach (var url in new[] { PathForm(gtin, lot, serials[0], extra: $"&corrUUID={corr}"), LinkForm(gtin, lot, serials[0], extra: $"&corrUUID={corr}") })
        {
            var answer = await AnswerAsync(url);
            Assert.Equal((true, null, null), Data(answer));
            Assert.Equal(Demo.ManufacturerGln, answer.GetProperty("responderGLN").GetString());
            Assert.Equal(corr, answer.GetProperty("corrUUID").GetString());
            Assert.True(DateTimeOffset.TryParse(answer.GetProperty("verificationTimestamp").GetString(), out _));
        }
        // Without a corrUUID the responder makes one.
        var made = await AnswerAsync(PathForm(gtin, lot, serials[0]));
        Assert.True(Guid.TryParse(made.GetProperty("corrUUID").GetString(), out _));
    }

    [Fact]
    public async Task Each_mismatch_has_its_own_failure_reason_and_an_unknown_serial_raises_an_alert()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, _, serials) = await Api.NewLotAsync(manufacturer, 1);
        Assert.Equal((false, "No_match_GTIN_Serial", null), Data(await AnswerAsync(PathForm(gtin, lot, "NEVERMADE1"))));
        Assert.Equal((false, "No_match_GTIN_Serial_Lot", null), Data(await AnswerAsync(PathForm(gtin, "WRONGLOT", serials[0]))));
        Assert.Equal((false, "No_match_GTIN_Serial_Expiry", null), Data(await AnswerAsync(PathForm(gtin, lot, serials[0], "300629"))));
        Assert.Equal((false, "No_match_GTIN_Serial_Lot_Expiry", null), Data(await AnswerAsync(LinkForm(gtin, "WRONGLOT", serials[0], "300629"))));

        // Logged like a scan: the regulator sees the unknown serial of a saleable return.
        var alerts = await factory.ClientFor(Demo.RegulatorKey).GetFromJsonAsync<JsonElement>($"/api/v1/alerts?gtin={gtin}&kind=UnknownSerial");
        Assert.Contains(Items(alerts), a => a.GetProperty("scanningParty").GetString() == Demo.WholesalerGln);
    }

    private static IEnumerable<JsonElement> Items(JsonElement list) =>
        (list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items")).EnumerateArray();

    [Fact]
    public async Task Dispensed_and_decommissioned_packs_are_not_for_redistribution_and_a_locked_one_gives_no_reason()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 3);
        var code = Api.Code(gtin, serials[0], lot, expiry);
        await Api.ScanAsync(manufacturer, code, "ship", to: Demo.PharmacyGln);
        await Api.ScanAsync(pharmacy, code, "receive");
        await Api.ScanAsync(pharmacy, code, "dispense");
        await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[1], lot, expiry), "decommission", reason: "destroyed");
        await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[2], lot, expiry), "decommission", reason: "locked");

        Assert.Equal((false, "Not_for_re-distribution", null), Data(await AnswerAsync(PathForm(gtin, lot, serials[0]))));
        Assert.Equal((false, "Not_for_re-distribution", null), Data(await AnswerAsync(LinkForm(gtin, lot, serials[1]))));
        Assert.Equal((false, "No_reason_provided", null), Data(await AnswerAsync(PathForm(gtin, lot, serials[2]))));
    }

    [Fact]
    public async Task Recalled_and_stolen_packs_are_verified_with_their_warning()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 2);
        await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[1], lot, expiry), "decommission", reason: "stolen");
        Assert.Equal((true, null, "Illegitimate"), Data(await AnswerAsync(PathForm(gtin, lot, serials[1]))));

        (await manufacturer.PostAsJsonAsync($"/api/v1/lots/{gtin}/{lot}/recall", new { reason = "sterility" })).EnsureSuccessStatusCode();
        Assert.Equal((true, null, "Recalled"), Data(await AnswerAsync(PathForm(gtin, lot, serials[0]))));
        // Expired and Suspect (quarantined) need a clock and a quarantine: VrsVerdictTests covers them.
    }

    [Fact]
    public async Task Check_connectivity_names_the_brand_owner()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, _, _, _) = await Api.NewLotAsync(manufacturer, 1);
        var answer = await AnswerAsync($"/vrs/checkConnectivity?gtin={gtin}&reqGLN={Demo.WholesalerGln}");
        Assert.Equal(Demo.ManufacturerGln, answer.GetProperty("responderGLN").GetString());
        await Api.ProblemAsync(await Wholesaler.GetAsync($"/vrs/checkConnectivity?gtin=04012345999990&reqGLN={Demo.WholesalerGln}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Requesters_are_authenticated_and_may_only_ask_in_their_own_name()
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, _, serials) = await Api.NewLotAsync(manufacturer, 1);
        await Api.ProblemAsync(await factory.CreateClient().GetAsync(PathForm(gtin, lot, serials[0])), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await factory.ClientFor("not-a-key").GetAsync(PathForm(gtin, lot, serials[0])), HttpStatusCode.Unauthorized);
        var pharmacy = factory.ClientFor(Demo.PharmacyKey);
        var problem = await Api.ProblemAsync(await pharmacy.GetAsync(PathForm(gtin, lot, serials[0])), HttpStatusCode.Forbidden);
        Assert.Contains(Demo.WholesalerGln, problem.GetProperty("detail").GetString());
        await Api.ProblemAsync(await pharmacy.GetAsync($"/vrs/checkConnectivity?gtin={gtin}&reqGLN={Demo.WholesalerGln}"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("linkType=pip&context=dscsaSaleableReturn", "linkType")]
    [InlineData("context=dscsaSaleableReturn", "linkType")]
    [InlineData("linkType=verificationService&context=somethingElse", "context")]
    [InlineData("linkType=verificationService", "context")]
    [InlineData("linkType=verificationService&context=dscsaSaleableReturn&corrUUID=not-a-uuid", "corrUUID")]
    [InlineData("linkType=verificationService&context=dscsaSaleableReturn&exp=301399", "exp")]
    [InlineData("linkType=verificationService&context=dscsaSaleableReturn&exp=", "exp")]
    [InlineData("linkType=verificationService&context=dscsaSaleableReturn&reqGLN=123", "reqGLN")]
    public async Task Missing_or_malformed_parameters_are_a_400_that_names_the_parameter(string query, string field)
    {
        var manufacturer = factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, _, serials) = await Api.NewLotAsync(manufacturer, 1);
        var q = query.Contains("exp=", StringComparison.Ordinal) ? query : query + "&exp=" + Exp;
        q = q.Contains("reqGLN=", StringComparison.Ordinal) ? q : q + "&reqGLN=" + Demo.WholesalerGln;
        var problem = await Api.ProblemAsync(await Wholesaler.GetAsync($"/vrs/verify/gtin/{gtin}/lot/{lot}/ser/{serials[0]}?{q}"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task A_malformed_GTIN_is_a_400_and_a_GTIN_no_manufacturer_registered_is_a_404()
    {
        await Api.ProblemAsync(await Wholesaler.GetAsync(PathForm("04012345000116", "L1", "S1")), HttpStatusCode.BadRequest);
        await Api.ProblemAsync(await Wholesaler.GetAsync(PathForm("04012345999990", "L1", "S1")), HttpStatusCode.NotFound);
    }
}
