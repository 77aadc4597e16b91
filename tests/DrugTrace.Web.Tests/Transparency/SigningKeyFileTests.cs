using DrugTrace.Domain.Transparency;
using DrugTrace.Web.Tests.Infrastructure;
using DrugTrace.Web.Transparency;
using Microsoft.Extensions.Configuration;

namespace DrugTrace.Web.Tests.Transparency;

/// <summary>Log:SigningKeyFile: made on first start in the data directory, readable by the app's user only, kept across restarts.</summary>
public sealed class SigningKeyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("drugtrace-key-").FullName;

    private IConfiguration Configuration => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Sqlite:DataDirectory"] = _dir }).Build();

    [Fact]
    public void The_key_is_made_once_in_the_data_directory_for_the_app_user_only_and_reused_after_a_restart()
    {
        var first = SigningKeyFile.LogSigner(Configuration, "/elsewhere", "drugtrace.test/log", "log-signing.key");

        var path = Path.Combine(_dir, "log-signing.key");
        Assert.StartsWith("PRIVATE+KEY+drugtrace.test/log+", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        // The next start signs with the same key: checkpoints stay verifiable with the published one.
        var again = SigningKeyFile.LogSigner(Configuration, "/elsewhere", "drugtrace.test/log", "log-signing.key");
        Assert.Equal(first.Verifier.VerifierKey, again.Verifier.VerifierKey);
        var text = new Checkpoint("drugtrace.test/log", 1, Rfc6962.EmptyRoot).Text;
        Assert.True(SignedNote.Sign(text, again).Open([first.Verifier], out _).IsValid);
    }

    [Fact]
    public void A_key_file_made_for_another_origin_is_refused_with_its_name()
    {
        SigningKeyFile.LogSigner(Configuration, "/elsewhere", "drugtrace.test/log", "log-signing.key");

        var e = Assert.Throws<InvalidOperationException>(() =>
            SigningKeyFile.LogSigner(Configuration, "/elsewhere", "other.test/log", "log-signing.key"));
        Assert.Contains("'drugtrace.test/log', not 'other.test/log'", e.Message);
    }

    [Fact]
    public async Task The_app_serves_the_verifier_key_of_the_file_it_made_on_first_start()
    {
        using var factory = new DrugTraceFactory();
        var served = (await factory.CreateClient().GetStringAsync("/log/key")).Trim();

        var file = File.ReadAllText(Path.Combine(factory.DataDirectory, "log-signing.key")).Trim();
        Assert.Equal(NoteSigner.ParsePrivateKey(file).Verifier.VerifierKey, served);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
