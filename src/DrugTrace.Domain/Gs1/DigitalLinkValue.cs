namespace DrugTrace.Domain.Gs1;

/// <summary>A GS1 key or qualifier value (a serial, a lot, ...) as one path segment of a GS1 Digital Link.</summary>
public static class DigitalLinkValue
{
    /// <summary>
    /// Percent-encoded as <see cref="Uri.EscapeDataString(string)"/> does, and a value that is a dot segment ("." or
    /// "..", both CSET-82 text) as %2E and %2E%2E: left as it is, a web address parser would remove it (RFC 3986
    /// section 5.2.4) and the link would lose the value. Nothing else changes, so existing links stay as they were.
    /// </summary>
    public static string Escape(string value) => value switch
    {
        "." => "%2E",
        ".." => "%2E%2E",
        _ => Uri.EscapeDataString(value),
    };
}
