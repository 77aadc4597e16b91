using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Transparency;
using DrugTrace.Application.Witness;
using DrugTrace.Domain.Transparency;
using Microsoft.Extensions.Options;

namespace DrugTrace.Web.Transparency;

public static class TransparencyRegistration
{
    /// <summary>
    /// Section "Log": the signing key (loaded or created on first use), the checkpoint writer and its
    /// background signer, and the submitter to the witnesses of <c>Log:Witnesses</c>. Section "Witness":
    /// this instance as a witness of other logs.
    /// </summary>
    public static IServiceCollection AddTransparencyLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LogOptions>().Bind(configuration.GetSection(LogOptions.Section))
            .Validate(o => NoteKeys.IsValidName(o.Origin), "Log:Origin must be a key name: not empty, no spaces, no '+'.")
            .Validate(o => o.Witnesses.All(w => Uri.TryCreate(w.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"),
                "Every Log:Witnesses:N:Url must be an absolute http(s) URL, the witness's submission prefix (e.g. https://witness.example/witness).")
            .Validate(o => o.Witnesses.All(w => NoteVerifier.TryParse(w.Key, out var k, out _) && k!.Type == NoteKeys.CosignatureV1),
                "Every Log:Witnesses:N:Key must be a witness's cosignature/v1 verifier key (name+keyid+base64(0x04 || key)), as its /witness/key serves it.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<LogOptions>>().Value;
            var environment = sp.GetRequiredService<IWebHostEnvironment>();
            return SigningKeyFile.LogSigner(configuration, environment.ContentRootPath, o.Origin, o.SigningKeyFile);
        });
        services.AddSingleton<CheckpointWriter>();
        services.AddSingleton<Checkpointer>();
        services.AddHostedService(sp => sp.GetRequiredService<Checkpointer>());

        services.AddHttpClient(HttpWitnessClient.ClientName, c => c.Timeout = configuration.GetValue("Log:WitnessTimeout", TimeSpan.FromSeconds(10)));
        services.AddSingleton<IWitnessClient, HttpWitnessClient>();
        services.AddScoped<WitnessSubmitter>();
        services.AddSingleton<WitnessService>();
        services.AddHostedService(sp => sp.GetRequiredService<WitnessService>());

        services.AddOptions<WitnessOptions>().Bind(configuration.GetSection(WitnessOptions.Section))
            .Validate(o => !o.Enabled || WitnessedLogs.Problem(o) is null, "The Witness section is invalid: check Witness:Name and every Witness:Logs:N:Key (a log's verifier key, as its /log/key serves it).")
            .ValidateOnStart();
        services.AddSingleton<WitnessedLogs>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<WitnessOptions>>().Value;
            var environment = sp.GetRequiredService<IWebHostEnvironment>();
            var path = Path.GetFullPath(o.KeyFile, SigningKeyFile.DataDirectory(configuration, environment.ContentRootPath));
            return Cosigner.ParsePrivateKey(SigningKeyFile.LoadOrCreate(path, o.Name, n => Cosigner.Generate(n).PrivateKeyText));
        });
        return services;
    }

    /// <summary>The witness endpoints exist only on an instance started with <c>Witness:Enabled=true</c>.</summary>
    public static WebApplication MapWitnessEndpointsIfEnabled(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<WitnessOptions>>().Value.Enabled) app.MapWitnessEndpoints();
        return app;
    }
}
