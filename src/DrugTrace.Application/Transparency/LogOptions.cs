namespace DrugTrace.Application.Transparency;

/// <summary>Section "Log": the transparency log's name, its signing key and how often it signs.</summary>
public sealed class LogOptions
{
    public const string Section = "Log";

    /// <summary>The checkpoint origin line and the signing key's name: a schema-less URL, no spaces or plus.</summary>
    public string Origin { get; set; } = "drugtrace.example/log";

    /// <summary>The Ed25519 signing key (PRIVATE+KEY+... text); relative to the data directory; created on first start.</summary>
    public string SigningKeyFile { get; set; } = "log-signing.key";

    /// <summary>How often a new checkpoint is signed when the log grew.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Witnesses this log submits its checkpoints to.</summary>
    public List<WitnessEndpoint> Witnesses { get; set; } = [];
}

/// <summary>One witness: where its add-checkpoint lives and its cosignature verifier key.</summary>
public sealed class WitnessEndpoint
{
    public string Url { get; set; } = "";
    public string Key { get; set; } = "";
}
