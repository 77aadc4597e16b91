using DrugTrace.Application.Common.Exceptions;

namespace DrugTrace.Application.Common.Idempotency;

/// <summary>
/// The caller's name for one intended write (the <c>Idempotency-Key</c> header): 1 to 255 of the
/// characters a UUID, ULID or base64 key needs, optionally quoted as the IETF draft's sf-string
/// (<c>"8e03978e-40d5-43e8-bc93-6894a57f9324"</c> is the same key as without the quotes).
/// No spaces, commas or control characters, so two headers joined with a comma are refused.
/// </summary>
public readonly record struct IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    private IdempotencyKey(string value) => Value = value;

    public string Value { get; }

    /// <summary>The key of a header value, null without one; a malformed key is a 400 naming the header.</summary>
    public static IdempotencyKey? FromHeader(string? header)
    {
        if (header is null) return null;
        var text = header.Trim();
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"') text = text[1..^1];
        if (text.Length == 0)
            throw Invalid("is empty; send a unique value such as a UUID, or leave the header out");
        if (text.Length > MaxLength)
            throw Invalid($"has {text.Length} characters; at most {MaxLength} are accepted");
        // By position, not FirstOrDefault: a NUL would read as "none found".
        var at = text.AsSpan().IndexOfAnyExcept(Allowed);
        if (at >= 0)
            throw Invalid(text[at] == ',' ? "is given more than once (or holds a comma); send one key"
                : $"holds '{Printable(text[at])}'; use letters, digits and - _ . : ~ + / =");
        return new IdempotencyKey(text);
    }

    private static readonly System.Buffers.SearchValues<char> Allowed =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:~+/=");

    private static string Printable(char c) => char.IsControl(c) || c > '~' ? $"U+{(int)c:X4}" : c.ToString();

    private static ValidationException Invalid(string problem) => new(Header, $"The {Header} header {problem}.");

    public override string ToString() => Value;
}
