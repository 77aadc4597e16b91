namespace DrugTrace.Application.Common.Interfaces;

/// <summary>
/// A ledger store that hands each chain of <see cref="ILedgerStore.ReadChainsAsync"/> to the audit on the thread
/// that read it, so that reading and checking a chain stay on one core and no chain crosses threads on its way
/// to its check. The audit uses it when the store offers it, and the enumerable otherwise.
/// </summary>
public interface IChainVisitingStore
{
    /// <summary>
    /// Calls <paramref name="visit"/> for the same chains as <see cref="ILedgerStore.ReadChainsAsync"/>: every lot
    /// chain first, one at a time; once the last of those calls has returned, the pack chains and then the case
    /// chains, from several threads at once. Returns once every call has returned; the first exception of a call
    /// stops the read and is thrown.
    /// </summary>
    ValueTask VisitChainsAsync(Action<StoredChain> visit, CancellationToken cancellationToken);
}
