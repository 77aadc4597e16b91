using System.Net;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Cli;
using DrugTrace.Domain.Transparency;
using DrugTrace.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Web.Tests.Transparency;

/// <summary>Two instances in one test: a log and the witness that cosigns it, bridged in memory.</summary>
public sealed class WitnessExchangeTests : IDisposable
{
    private readonly NoteSigner _logKey = NoteSigner.Generate(WitnessKit.LogOrigin);
    private readonly ConfiguredFactory _witness;
    private readonly string _dir = Directory.CreateTempSubdirectory("drugtrace-witness-").FullName;
    private readonly List<DrugTraceFactory> _logs = [];

    public WitnessExchangeTests() => _witness = WitnessKit.Witness(_logKey);

    private async Task<string> WitnessKeyAsync() => (await _witness.CreateClient().GetStringAsync("/witness/key")).Trim();

    private async Task<ConfiguredFactory> LogAsync(Func<HttpMessageHandler>? handler = null)
    {
        var log = WitnessKit.LogWitnessedBy(_witness, await WitnessKeyAsync(), _logKey, handler);
        _logs.Add(log);
        return log;
    }

    private async Task<WitnessedCheckpoint?> WitnessHoldsAsync() =>
        await _witness.Services.GetRequiredService<IWitnessStore>().FindAsync(WitnessKit.LogOrigin, default);

    [Fact]
    public async Task The_witness_cosigns_each_new_checkpoint_and_the_bundle_verifies_offline_with_its_key()
    {
        var witnessKey = await WitnessKeyAsync();
        var log = await LogAsync();
        var manufacturer = log.ClientFor(Demo.ManufacturerKey);
        var (gtin, lot, expiry, serials) = await Api.NewLotAsync(manufacturer, 2);
        await log.SubmitNowAsync();
        var first = (await WitnessHoldsAsync())!;

        // A second round goes from the witness's size with a consistency proof.
        await Api.ScanAsync(manufacturer, Api.Code(gtin, serials[0], lot, expiry), "ship", to: Demo.PharmacyGln);
        await log.SubmitNowAsync();
        var second = (await WitnessHoldsAsync())!;
        Assert.True(second.Size > first.Size, $"{second.Size} after {first.Size}");
        var answer = (await log.AnswerAsync())!;
        Assert.Equal((200, second.Size, "regulator.example/witness"), (answer.Status, answer.Size, answer.Name));

        // What /log/checkpoint serves verifies with both keys.
        var anyone = log.CreateClient();
        var note = SignedNote.Parse(await anyone.GetStringAsync("/log/checkpoint"));
        Assert.True(note.Open([_logKey.Verifier, NoteVerifier.Parse(witnessKey)], out var verified).IsValid);
        Assert.Equal(2, verified.Count);
        Assert.True(Checkpoint.TryParse(note.Text, out var checkpoint, out _));
        Assert.Equal((second.Size, second.Root), (checkpoint!.Size, checkpoint.Root));

        var file = Path.Combine(_dir, "bundle.json");
        await File.WriteAllTextAsync(file, await manufacturer.GetStringAsync($"/api/v1/packs/{gtin}/{serials[0]}/proof"));
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Commands.RunAsync(["verify-bundle", file, "--log-key", _logKey.Verifier.VerifierKey, "--witness-key", witnessKey], output, error);
        Assert.True(exit == 0, output + error.ToString());
        Assert.Contains("cosigned by witness regulator.example/witness", output.ToString());

        // A key the bundle was not cosigned with is named.
        var stranger = Cosigner.Generate("stranger.example/witness").Verifier.VerifierKey;
        error = new StringWriter();
        Assert.Equal(1, await Commands.RunAsync(["verify-bundle", file, "--log-key", _logKey.Verifier.VerifierKey, "--witness-key", stranger], new StringWriter(), error));
        Assert.Contains("not cosigned by witness stranger.example/witness", error.ToString());
        Assert.Empty(await _witness.IntegrityAlertsAsync());
        Assert.Empty(await log.IntegrityAlertsAsync());
    }

    [Fact]
    public async Task A_witness_refuses_a_log_that_came_back_shorter()
    {
        var log = await LogAsync();
        await Api.NewLotAsync(log.ClientFor(Demo.ManufacturerKey), 3);
        await log.SubmitNowAsync();
        var held = (await WitnessHoldsAsync())!;

        // The operator starts again from an older copy: the same key, the seed without the lot.
        var older = await LogAsync();
        await older.SubmitNowAsync(async () => (await older.AnswerAsync())?.Detail.StartsWith("refused", StringComparison.Ordinal) == true);

        Assert.Equal(held, await WitnessHoldsAsync());
        var witnessAlert = Assert.Single(await _witness.IntegrityAlertsAsync());
        Assert.Contains("lost entries", witnessAlert.Message);
        var answer = (await older.AnswerAsync())!;
        Assert.Equal((409, held.Size), (answer.Status, answer.Size));
        Assert.Contains("lost entries", Assert.Single(await older.IntegrityAlertsAsync()).Message);
        Assert.False(await WitnessKit.IsCosignedAsync(older));
    }

    [Fact]
    public async Task A_witness_refuses_a_log_rewritten_under_the_same_key_with_422()
    {
        var log = await LogAsync();
        await Api.NewLotAsync(log.ClientFor(Demo.ManufacturerKey), 2);
        await log.SubmitNowAsync();
        var held = (await WitnessHoldsAsync())!;

        // Another history, longer than the one cosigned: its own consistency proof cannot reach the witness's root.
        var rewritten = await LogAsync();
        await Api.NewLotAsync(rewritten.ClientFor(Demo.ManufacturerKey), 6);
        await rewritten.SubmitNowAsync(async () => (await rewritten.AnswerAsync())?.Status == 422);

        Assert.Equal(held, await WitnessHoldsAsync());
        // A fresh instance signs its empty log first, which is refused too; repeats of one log's refusals fold into one alert.
        Assert.Single(await _witness.IntegrityAlertsAsync());
        var detail = (await rewritten.AnswerAsync())!.Detail;
        Assert.True(detail.StartsWith("refused", StringComparison.Ordinal) && detail.Contains("consistency proof", StringComparison.Ordinal), detail);
        Assert.Single(await rewritten.IntegrityAlertsAsync());
        Assert.False(await WitnessKit.IsCosignedAsync(rewritten));
    }

    [Fact]
    public async Task A_witness_that_is_down_never_blocks_appends_and_cosigns_once_it_is_back()
    {
        var up = false;
        var log = await LogAsync(() => new Switch(() => up, _witness.Server.CreateHandler()));
        var manufacturer = log.ClientFor(Demo.ManufacturerKey);
        await log.SubmitNowAsync(async () => (await log.AnswerAsync())?.Status == 0);
        Assert.Contains("unreachable", (await log.AnswerAsync())!.Detail);

        // Appends go on and checkpoints are served, only without the cosignature.
        await Api.NewLotAsync(manufacturer, 2);
        await log.SignNowAsync();
        Assert.Equal(HttpStatusCode.OK, (await log.CreateClient().GetAsync("/log/checkpoint")).StatusCode);
        Assert.False(await WitnessKit.IsCosignedAsync(log));

        up = true;
        await log.SubmitNowAsync();
        Assert.Equal(200, (await log.AnswerAsync())!.Status);
        Assert.Empty(await log.IntegrityAlertsAsync());
    }

    /// <summary>A witness that answers only while <c>up</c>; otherwise the connection fails as a stopped server's would.</summary>
    private sealed class Switch(Func<bool> up, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            up() ? base.SendAsync(request, cancellationToken) : throw new HttpRequestException("Connection refused (witness.test:80)");
    }

    public void Dispose()
    {
        foreach (var log in _logs) log.Dispose();
        _witness.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
