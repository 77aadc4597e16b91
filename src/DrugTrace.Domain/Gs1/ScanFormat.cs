namespace DrugTrace.Domain.Gs1;

/// <summary>How the GS1 data was written.</summary>
public enum ScanFormat
{
    /// <summary>AI element string, as a GS1 DataMatrix/QR/128 carries it (FNC1 as GS).</summary>
    ElementString,

    /// <summary>GS1 Digital Link URI.</summary>
    DigitalLink,

    /// <summary>Bracketed human-readable form, e.g. (01)...(21)....</summary>
    HumanReadable,
}
