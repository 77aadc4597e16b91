namespace DrugTrace.Domain.Gs1;

/// <summary>The character sets of the GS1 syntax dictionary component types.</summary>
public enum CharacterSet
{
    /// <summary>"N": digits 0-9.</summary>
    Numeric,

    /// <summary>"X": GS1 AI encodable character set 82.</summary>
    Cset82,

    /// <summary>"Y": GS1 AI encodable character set 39 (# - / 0-9 A-Z).</summary>
    Cset39,

    /// <summary>"Z": base64url (A-Z a-z 0-9 - _, with '=' padding only at the end).</summary>
    Cset64,
}
