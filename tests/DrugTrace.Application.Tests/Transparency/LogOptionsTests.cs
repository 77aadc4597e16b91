using DrugTrace.Application.Transparency;

namespace DrugTrace.Application.Tests.Transparency;

/// <summary>The log's defaults: a changed key file name would make an upgraded server sign with a new key.</summary>
public sealed class LogOptionsTests
{
    [Fact]
    public void The_defaults_name_the_example_origin_and_the_signing_key_file_and_no_witness()
    {
        var options = new LogOptions();
        Assert.Equal(("drugtrace.example/log", "log-signing.key", TimeSpan.FromSeconds(5)), (options.Origin, options.SigningKeyFile, options.CheckpointInterval));
        Assert.Empty(options.Witnesses);
        var endpoint = new WitnessEndpoint();
        Assert.Equal(("", ""), (endpoint.Url, endpoint.Key));
    }
}
