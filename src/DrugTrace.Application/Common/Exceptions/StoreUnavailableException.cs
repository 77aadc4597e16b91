namespace DrugTrace.Application.Common.Exceptions;

/// <summary>
/// The store could not write (disk full, I/O error, read-only file, unreachable server): a 503.
/// Nothing of the request was stored; the same request may succeed once the store is fixed.
/// </summary>
public sealed class StoreUnavailableException(string reason, Exception? inner = null)
    : Exception($"The store cannot write: {reason}. Nothing of this request was stored; try again later.", inner)
{
    /// <summary>What is wrong with the store, in a few words ("disk full").</summary>
    public string Reason { get; } = reason;
}
