namespace DrugTrace.Application.Common.Idempotency;

/// <summary>
/// The key a caller sent with the request of this scope (the web layer reads the header). The
/// <see cref="IdempotencyBehaviour{TMessage, TResponse}"/> takes it for the first request sent
/// in the scope, so a use case that sends others inside it does not hand them the same key.
/// </summary>
public interface IIdempotencyContext
{
    /// <summary>Reads the header value (null: no key); a malformed key is a 400.</summary>
    void Use(string? header);

    /// <summary>The key, once; null afterwards or when none was sent.</summary>
    IdempotencyKey? Take();
}

internal sealed class IdempotencyContext : IIdempotencyContext
{
    private IdempotencyKey? _key;

    public void Use(string? header) => _key = IdempotencyKey.FromHeader(header);

    public IdempotencyKey? Take()
    {
        var key = _key;
        _key = null;
        return key;
    }
}
