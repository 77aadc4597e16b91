namespace DrugTrace.Domain.Gs1;

/// <summary>One component of an AI's data field, e.g. "N6,yymmd0" or "[X..17]".</summary>
public sealed class AiComponent
{
    internal AiComponent(CharacterSet characterSet, int minLength, int maxLength, bool isOptional, string[] linters, Gs1Linter[] linterKinds)
    {
        CharacterSet = characterSet;
        MinLength = minLength;
        MaxLength = maxLength;
        IsOptional = isOptional;
        Linters = linters;
        LinterKinds = linterKinds;
    }

    public CharacterSet CharacterSet { get; }
    public int MinLength { get; }
    public int MaxLength { get; }
    public bool IsOptional { get; }
    public bool IsFixedLength => MinLength == MaxLength;

    /// <summary>Linter names as written in the dictionary (including any this parser does not enforce).</summary>
    public IReadOnlyList<string> Linters { get; }

    // Resolved once at load so the hot path switches on an enum, not on strings.
    internal Gs1Linter[] LinterKinds { get; }

    public override string ToString() =>
        $"{(IsOptional ? "[" : "")}{CharacterSet switch { CharacterSet.Numeric => 'N', CharacterSet.Cset82 => 'X', CharacterSet.Cset39 => 'Y', _ => 'Z' }}{(IsFixedLength ? MaxLength.ToString() : ".." + MaxLength)}{(IsOptional ? "]" : "")}{(Linters.Count > 0 ? "," + string.Join(',', Linters) : "")}";
}
