namespace DrugTrace.Domain.Transparency;

/// <summary>The outcome of checking a proof or a signature: fine, or what is wrong in words.</summary>
public readonly record struct ProofCheck(bool IsValid, string? Problem)
{
    public static readonly ProofCheck Valid = new(true, null);

    public static ProofCheck Invalid(string problem) => new(false, problem);

    public override string ToString() => IsValid ? "valid" : Problem!;
}
