using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Security;

/// <summary>POST /api/v1/parties/{gln}/keys and DELETE .../keys/{id}: rotation by the party or a regulator; a revoked key is refused at once.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiKeyRotationTests(DrugTraceFactory factory)
{
    private static int _next = Random.Shared.Next(10000, 90000);

    [Fact]
    public async Task A_party_rotates_its_key_and_the_revoked_one_is_refused_at_once()
    {
        var (gln, firstKey) = await NewPharmacyAsync();
        var first = factory.ClientFor(firstKey);

        var issued = await first.PostAsync($"/api/v1/parties/{gln}/keys", null);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var secondKey = body.GetProperty("apiKey").GetString()!;
        var secondId = body.GetProperty("id").GetString()!;
        Assert.StartsWith("dt_", secondKey);

        // Both work during the switch-over; the list shows ids, never keys.
        var second = factory.ClientFor(secondKey);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/products")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/products")).StatusCode);
        var listed = await second.GetStringAsync($"/api/v1/parties/{gln}/keys");
        Assert.Contains("\"k1\"", listed);
        Assert.Contains(secondId, listed);
        Assert.DoesNotContain(secondKey, listed);
        Assert.DoesNotContain(firstKey, listed);

        var revoked = await second.DeleteAsync($"/api/v1/parties/{gln}/keys/k1");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.True((await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revoked").GetBoolean());

        await Api.ProblemAsync(await first.GetAsync("/api/v1/products"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/products")).StatusCode);
        // Revoking it again: it is no longer an active key.
        await Api.ProblemAsync(await second.DeleteAsync($"/api/v1/parties/{gln}/keys/k1"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_party_itself_or_a_regulator_manages_its_keys()
    {
        var (gln, key) = await NewPharmacyAsync();
        var other = factory.ClientFor(Demo.OtherPharmacyKey);

        await Api.ProblemAsync(await other.PostAsync($"/api/v1/parties/{gln}/keys", null), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await other.DeleteAsync($"/api/v1/parties/{gln}/keys/k1"), HttpStatusCode.Forbidden);
        await Api.ProblemAsync(await other.GetAsync($"/api/v1/parties/{gln}/keys"), HttpStatusCode.Forbidden);
        // Nothing changed by the refused calls: one key, still working.
        var regulator = factory.ClientFor(Demo.RegulatorKey);
        Assert.Single((await regulator.GetFromJsonAsync<JsonElement>($"/api/v1/parties/{gln}/keys")).EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await factory.ClientFor(key).GetAsync("/api/v1/products")).StatusCode);

        // A regulator issues one for the party and revokes the old one.
        Assert.Equal(HttpStatusCode.Created, (await regulator.PostAsync($"/api/v1/parties/{gln}/keys", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await regulator.DeleteAsync($"/api/v1/parties/{gln}/keys/k1")).StatusCode);
        await Api.ProblemAsync(await factory.ClientFor(key).GetAsync("/api/v1/products"), HttpStatusCode.Unauthorized);
        await Api.ProblemAsync(await regulator.PostAsync("/api/v1/parties/4099999000000/keys", null), HttpStatusCode.BadRequest);
    }

    private async Task<(string Gln, string ApiKey)> NewPharmacyAsync()
    {
        var body = "40" + Interlocked.Increment(ref _next).ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + "00000";
        var gln = body + DrugTrace.Domain.Gs1.CheckDigit.Compute(body);
        var response = await factory.ClientFor(Demo.RegulatorKey).PostAsJsonAsync("/api/v1/parties", new { gln, name = "Rotation Pharmacy " + gln, role = "Pharmacy" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (gln, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!);
    }
}
