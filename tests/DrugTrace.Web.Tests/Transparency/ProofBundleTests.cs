using System.Net;
using DrugTrace.Cli;
using DrugTrace.Web.Tests.Infrastructure;

namespace DrugTrace.Web.Tests.Transparency;

/// <summary>A pack's proof bundle downloaded from the API and checked by the offline CLI; the CLI's monitor against the live log.</summary>
public sealed class ProofBundleTests : IDisposable
{
    private readonly DrugTraceFactory _factory = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("drugtrace-proof-").FullName;

    [Fact]
    public async Task A_downloaded_bundle_verifies_offline_with_the_published_key()
    {
        var manufacturer = _factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 1);
        await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[0], lot, expiry), "ship", to: Demo.PharmacyGln);
        await _factory.SignNowAsync();

        var response = await manufacturer.GetAsync($"/api/v1/packs/{gtin}/{serials[0]}/proof");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var file = Path.Combine(_dir, "bundle.json");
        await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
        var key = (await _factory.CreateClient().GetStringAsync("/log/key")).Trim();

        var (exit, output, error) = await RunAsync("verify-bundle", file, "--log-key", key);
        Assert.True(exit == 0, output + error);
        Assert.Contains("seq 1 (Shipped): hash recomputed from its canonical body, links to seq 0", output);

        // The same file with one event edited is refused.
        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, text.Replace($"\"to\":\"{Demo.PharmacyGln}\"", $"\"to\":\"{Demo.OtherPharmacyGln}\"", StringComparison.Ordinal));
        Assert.Equal(1, (await RunAsync("verify-bundle", file, "--log-key", key)).Exit);
    }

    [Fact]
    public async Task A_party_the_pack_never_passed_through_gets_no_proof()
    {
        var manufacturer = _factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, _, _, serials) = await Api.NewLotAsync(manufacturer, 1);
        await _factory.SignNowAsync();
        var response = await _factory.ClientFor(Demo.OtherPharmacyKey).GetAsync($"/api/v1/packs/{gtin}/{serials[0]}/proof");
        await Api.ProblemAsync(response, HttpStatusCode.NotFound);
        var anonymous = await _factory.CreateClient().GetAsync($"/api/v1/packs/{gtin}/{serials[0]}/proof");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_pack_pages_download_button_serves_the_same_bundle_to_a_signed_in_user_and_nothing_to_others()
    {
        var manufacturer = _factory.ClientFor(Demo.ManufacturerKey);
        var (gtin, _, _, serials) = await Api.NewLotAsync(manufacturer, 1);
        await _factory.SignNowAsync();
        var path = $"/packs/{gtin}/{serials[0]}/proof.json";

        // The button's link, with the sign-in cookie: the bundle, verified offline.
        var browser = await Browser.SignedInAsync(_factory, "helvetia");
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var file = Path.Combine(_dir, "from-the-page.json");
        await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
        var key = (await _factory.CreateClient().GetStringAsync("/log/key")).Trim();
        var (exit, output, error) = await RunAsync("verify-bundle", file, "--log-key", key);
        Assert.True(exit == 0, output + error);

        // Signed out: no bundle (sent to sign in); signed in as a pharmacy the pack never reached: not found.
        Assert.NotEqual(HttpStatusCode.OK, (await Browser.Anonymous(_factory).GetAsync(path)).StatusCode);
        var stranger = await Browser.SignedInAsync(_factory, "harbour");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_monitor_recomputes_the_root_from_tiles_and_follows_the_log_as_it_grows()
    {
        var state = Path.Combine(_dir, "monitor.json");
        await _factory.SignNowAsync();
        var first = await RunAsync("monitor", "http://localhost/", "--state", state);
        Assert.True(first.Exit == 0, first.Output + first.Error);
        Assert.Contains("root recomputed from", first.Output);

        await Api.NewLotAsync(_factory.ClientFor(Demo.ManufacturerKey), 300);
        await _factory.SignNowAsync();
        var second = await RunAsync("monitor", "http://localhost/", "--state", state);
        Assert.True(second.Exit == 0, second.Output + second.Error);
        Assert.Contains("consistent with the checkpoint seen last", second.Output);

        // A state file from another log's view (same size, other root) is a split view.
        var saved = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(state))!;
        saved["Root"] = Convert.ToBase64String(new byte[32]);
        await File.WriteAllTextAsync(state, saved.ToJsonString());
        var third = await RunAsync("monitor", "http://localhost/", "--state", state);
        Assert.Equal(1, third.Exit);
        Assert.Contains("another root", third.Error);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Commands.RunAsync(args, output, error, _factory.CreateClient());
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        _factory.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
