namespace DrugTrace.Domain.Gs1;

/// <summary>Why a scanned or typed code was rejected.</summary>
public enum Gs1ErrorCode
{
    /// <summary>Nothing was scanned or typed.</summary>
    Empty,

    /// <summary>The text is not GS1 data at all (plain text, a plain DataMatrix, ...).</summary>
    NotGs1,

    /// <summary>The symbology identifier names a barcode type that cannot carry GS1 data.</summary>
    UnsupportedSymbology,

    /// <summary>A web address that is not a GS1 Digital Link.</summary>
    NotDigitalLink,

    /// <summary>Digits that are not a GS1 Application Identifier.</summary>
    UnknownAi,

    /// <summary>The structure is broken: an AI without value, an unclosed bracket, ...</summary>
    Malformed,

    /// <summary>A value is too short or too long for its AI.</summary>
    InvalidLength,

    /// <summary>A value contains a character its AI does not allow.</summary>
    InvalidCharacter,

    /// <summary>A check digit (or check character pair) is wrong.</summary>
    InvalidCheckDigit,

    /// <summary>A date or time that does not exist.</summary>
    InvalidDate,

    /// <summary>Any other content rule of the AI (country code, piece of total, ...).</summary>
    InvalidValue,

    /// <summary>The same AI twice with different values.</summary>
    DuplicateAi,

    /// <summary>An AI that needs another AI which is missing (req=).</summary>
    MissingRequiredAi,

    /// <summary>Two AIs that must not appear together (ex=).</summary>
    ExclusiveAis,

    /// <summary>A Digital Link path whose key qualifiers are not in the dictionary's order.</summary>
    DigitalLinkQualifierOrder,

    /// <summary>A Digital Link query or path element that is not allowed there.</summary>
    DigitalLinkNotAllowed,

    /// <summary>Broken percent-encoding in a Digital Link.</summary>
    InvalidPercentEncoding,

    /// <summary>A pack needs a GTIN (01).</summary>
    MissingGtin,

    /// <summary>A pack needs a serial number (21).</summary>
    MissingSerial,
}
