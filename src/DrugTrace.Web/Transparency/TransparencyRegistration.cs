using DrugTrace.Application.Transparency;
using DrugTrace.Domain.Transparency;
using Microsoft.Extensions.Options;

namespace DrugTrace.Web.Transparency;

public static class TransparencyRegistration
{
    /// <summary>Section "Log": the signing key (loaded or created on first use), the checkpoint writer and its background signer.</summary>
    public static IServiceCollection AddTransparencyLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LogOptions>().Bind(configuration.GetSection(LogOptions.Section))
            .Validate(o => NoteKeys.IsValidName(o.Origin), "Log:Origin must be a key name: not empty, no spaces, no '+'.")
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
        return services;
    }
}
