namespace DrugTrace.Application.Witness;

/// <summary>Section "Witness": this instance cosigns the checkpoints of other logs.</summary>
public sealed class WitnessOptions
{
    public const string Section = "Witness";

    public bool Enabled { get; set; }

    /// <summary>The witness's key name (a schema-less URL, no spaces or plus).</summary>
    public string Name { get; set; } = "drugtrace.example/witness";

    /// <summary>The cosignature/v1 key (PRIVATE+KEY+... text); relative to the data directory; created on first start.</summary>
    public string KeyFile { get; set; } = "witness.key";

    /// <summary>The logs this witness follows.</summary>
    public List<WitnessedLogOptions> Logs { get; set; } = [];
}

/// <summary>One log: its verifier key (name+id+key); its origin is the key's name unless given.</summary>
public sealed class WitnessedLogOptions
{
    public string Key { get; set; } = "";
    public string? Origin { get; set; }
}
