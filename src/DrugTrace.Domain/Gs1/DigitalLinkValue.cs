namespace DrugTrace.Domain.Gs1;

/// <summary>A GS1 key or qualifier value (a serial, a lot, ...) as one path segment of a GS1 Digital Link.</summary>
public static class DigitalLinkValue
{
    /// <summary>
    /// Percent-encoded as <see cref="Uri.EscapeDataString(string)"/> does, and a value that is a dot segment ("." or
    /// "..", both CSET-82 text) as %2E and %2E%2E: written as it is, it is removed by any parser that resolves dot
    /// segments (RFC 3986 section 5.2.4). Encoded, it survives the parsers that remove literal dots only; System.Uri
    /// and browsers (WHATWG URL) remove %2E too, so a reader must take the path as written (as EpcUris does).
    /// Nothing else changes, so existing links stay as they were.
    /// </summary>
    public static string Escape(string value) => value switch
    {
        "." => "%2E",
        ".." => "%2E%2E",
        _ => Uri.EscapeDataString(value),
    };
}
