namespace DrugTrace.Domain.Gs1;

/// <summary>One GS1 Application Identifier as described by the GS1 syntax dictionary.</summary>
public sealed class AiDefinition
{
    internal AiDefinition(
        string ai, string title, string displayName, bool isPredefinedLength, bool isDigitalLinkAttribute,
        AiComponent[] components, string[][][] requires, string[] excludes, bool isDigitalLinkPrimaryKey,
        string[][] digitalLinkQualifiers)
    {
        Ai = ai;
        Title = title;
        DisplayName = displayName;
        IsPredefinedLength = isPredefinedLength;
        IsDigitalLinkAttribute = isDigitalLinkAttribute;
        Components = components;
        Requires = requires;
        Excludes = excludes;
        IsDigitalLinkPrimaryKey = isDigitalLinkPrimaryKey;
        DigitalLinkQualifiers = digitalLinkQualifiers;
        foreach (var c in components)
        {
            MaxLength += c.MaxLength;
            if (!c.IsOptional) MinLength += c.MinLength;
        }
        IsNumeric = Array.TrueForAll(components, c => c.CharacterSet == CharacterSet.Numeric);
    }

    /// <summary>The AI digits, e.g. "01" or "3103".</summary>
    public string Ai { get; }

    /// <summary>The dictionary title, e.g. "USE BY or EXPIRY".</summary>
    public string Title { get; }

    /// <summary>A name a pharmacist reads in messages, e.g. "Expiry".</summary>
    public string DisplayName { get; }

    /// <summary>"Expiry (17)": how messages name the AI.</summary>
    public string Label => $"{DisplayName} ({Ai})";

    /// <summary>The "*" flag: predefined length, so no FNC1 separator follows it in an element string.</summary>
    public bool IsPredefinedLength { get; }

    /// <summary>Whether an FNC1 (GS) must end the value when another element follows.</summary>
    public bool RequiresSeparator => !IsPredefinedLength;

    /// <summary>The "?" flag: permitted as a GS1 Digital Link query data attribute.</summary>
    public bool IsDigitalLinkAttribute { get; }

    public IReadOnlyList<AiComponent> Components { get; }

    /// <summary>Minimum total length (required components only).</summary>
    public int MinLength { get; }

    /// <summary>Maximum total length.</summary>
    public int MaxLength { get; }

    public bool IsFixedLength => MinLength == MaxLength;

    /// <summary>True when every component is numeric.</summary>
    public bool IsNumeric { get; }

    /// <summary>
    /// Each "req=" attribute (all must hold): a list of alternatives, each a set of AIs or
    /// patterns ("31nn") that must all be present, e.g. req=01+21,02 → [[01,21],[02]].
    /// </summary>
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Requires { get; }

    /// <summary>"ex=" AIs or patterns that must not appear with this AI.</summary>
    public IReadOnlyList<string> Excludes { get; }

    /// <summary>The "dlpkey" attribute: this AI is a Digital Link primary key.</summary>
    public bool IsDigitalLinkPrimaryKey { get; }

    /// <summary>Alternative ordered qualifier sequences, e.g. dlpkey=22,10,21|235 → [[22,10,21],[235]].</summary>
    public IReadOnlyList<IReadOnlyList<string>> DigitalLinkQualifiers { get; }

    public override string ToString() => $"{Ai} {string.Join(' ', Components)} # {Title}";
}
