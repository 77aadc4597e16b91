using DrugTrace.Application.Witness;

namespace DrugTrace.Application.Tests.Witness;

/// <summary>The witness's defaults: a changed key file name would make an upgraded witness create a new key.</summary>
public sealed class WitnessOptionsTests
{
    [Fact]
    public void The_defaults_are_off_with_the_example_name_and_the_key_file()
    {
        var options = new WitnessOptions();
        Assert.Equal((false, "drugtrace.example/witness", "witness.key"), (options.Enabled, options.Name, options.KeyFile));
        Assert.Empty(options.Logs);
        var log = new WitnessedLogOptions();
        Assert.Equal(("", (string?)null), (log.Key, log.Origin));
    }
}
