using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Transparency;
using DrugTrace.Web.Transparency;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DrugTrace.Web.Tests.Infrastructure;

/// <summary>
/// An instance with extra settings and, optionally, the "witness" HTTP client bridged to another
/// in-memory instance: two DrugTrace hosts in one test, one the log and one its witness.
/// </summary>
public sealed class ConfiguredFactory(IReadOnlyDictionary<string, string?> settings, Func<HttpMessageHandler>? witnessHandler = null) : DrugTraceFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (witnessHandler is null) return;
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(HttpWitnessClient.ClientName).ConfigurePrimaryHttpMessageHandler(witnessHandler));
    }

    /// <summary>Writes a signing key where the instance will look for it, so that a witness can be told its key first.</summary>
    public ConfiguredFactory WithLogKey(NoteSigner signer)
    {
        File.WriteAllText(Path.Combine(DataDirectory, "log-signing.key"), signer.PrivateKeyText + "\n");
        return this;
    }
}

public static class WitnessKit
{
    public const string LogOrigin = "drugtrace.example/log";
    public const string WitnessUrl = "http://witness.test/witness";

    public static ConfiguredFactory Witness(NoteSigner log) => new(new Dictionary<string, string?>
    {
        ["Witness:Enabled"] = "true",
        ["Witness:Name"] = "regulator.example/witness",
        ["Witness:Logs:0:Key"] = log.Verifier.VerifierKey,
    });

    public static ConfiguredFactory LogWitnessedBy(DrugTraceFactory witness, string witnessKey, NoteSigner log, Func<HttpMessageHandler>? handler = null,
        bool seed = true) =>
        new ConfiguredFactory(new Dictionary<string, string?>
        {
            ["Log:Witnesses:0:Url"] = WitnessUrl,
            ["Log:Witnesses:0:Key"] = witnessKey,
            ["Seed:Enabled"] = seed ? "true" : "false",
        }, handler ?? (() => witness.Server.CreateHandler())).WithLogKey(log);

    /// <summary>
    /// Signs a checkpoint of the log as it is now, then has the submitter run (waiting on its
    /// events, not on a clock) until <paramref name="done"/> holds: by default, until the latest
    /// checkpoint carries a cosignature of the witness.
    /// </summary>
    public static async Task SubmitNowAsync(this DrugTraceFactory log, Func<Task<bool>>? done = null)
    {
        await log.Services.GetRequiredService<CheckpointWriter>().SignIfGrownAsync(default);
        done ??= () => IsCosignedAsync(log);
        var service = log.Services.GetRequiredService<WitnessService>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"The witness did not get there; its last answer: {(await log.AnswerAsync())?.Detail}");
            var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnSubmitted(WitnessEndpoint _, SubmissionResult __) => answered.TrySetResult();
            service.Submitted += OnSubmitted;
            try
            {
                service.Nudge();
                await answered.Task.WaitAsync(TimeSpan.FromMinutes(3));
            }
            finally
            {
                service.Submitted -= OnSubmitted;
            }
        }
    }

    /// <summary>Whether the latest checkpoint holds a cosignature by the configured witness.</summary>
    public static async Task<bool> IsCosignedAsync(DrugTraceFactory log)
    {
        var key = NoteVerifier.Parse(log.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LogOptions>>().Value.Witnesses[0].Key);
        var latest = await log.Services.GetRequiredService<ICheckpointStore>().LatestAsync(default);
        return latest is not null && SignedNote.Parse(latest.Note).Signatures.Any(s => s.KeyId == key.KeyId && s.Name == key.Name);
    }

    public static async Task<WitnessAnswer?> AnswerAsync(this DrugTraceFactory log) =>
        (await log.Services.GetRequiredService<IWitnessAnswers>().FindAsync(WitnessUrl, default));

    public static async Task<IReadOnlyList<Domain.Alerts.Alert>> IntegrityAlertsAsync(this DrugTraceFactory instance) =>
        await instance.Services.GetRequiredService<IAlertStore>().QueryAsync(
            new AlertQuery { Kind = Domain.Alerts.AlertKind.IntegrityViolation }, default);
}
