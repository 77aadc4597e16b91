using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>
/// The hash-chained ledger: events, the pack heads they fold into, and the global log.
/// Appends are optimistic: an event is stored only if it extends the chain's current head.
/// </summary>
public interface ILedgerStore
{
    ValueTask<PackState?> FindPackAsync(string gtin, string serial, CancellationToken cancellationToken);

    /// <summary>
    /// The packs of <paramref name="gtin"/> among <paramref name="serials"/> that exist, by serial: one
    /// read for the thousands of packs an EPCIS capture names. The default reads them one at a time.
    /// </summary>
    async ValueTask<IReadOnlyDictionary<string, PackState>> FindPacksAsync(string gtin, IReadOnlyCollection<string> serials, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, PackState>(StringComparer.Ordinal);
        foreach (var serial in serials)
        {
            if (await FindPackAsync(gtin, serial, cancellationToken) is { } pack) found[serial] = pack;
        }
        return found;
    }

    ValueTask<IReadOnlyList<PackState>> ListPacksAsync(string gtin, string lot, int skip, int take, CancellationToken cancellationToken);

    ValueTask<int> CountPacksAsync(string gtin, string lot, CancellationToken cancellationToken);

    /// <summary>A case's or pallet's state by its SSCC (18 digits), or null.</summary>
    ValueTask<CaseState?> FindCaseAsync(string sscc, CancellationToken cancellationToken);

    /// <summary>What is packed directly in case <paramref name="sscc"/> (the packs and cases whose parent it is), in any order.</summary>
    ValueTask<CaseChildren> ListCaseChildrenAsync(string sscc, CancellationToken cancellationToken);

    /// <summary>A chain's events in seq order, as stored (a case's chain: <see cref="StreamKind.Case"/>, GTIN "", key = SSCC).</summary>
    ValueTask<IReadOnlyList<StoredEvent>> GetChainAsync(StreamKind stream, string gtin, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Registers a lot and commissions its packs, all or none for every reader: in one transaction, or
    /// (a store with bounded transactions) in chunks behind a lot no reader sees until the last landed.
    /// Throws <see cref="Exceptions.SerialCollisionException"/>, storing nothing, when a serial exists, and
    /// <see cref="Exceptions.ConflictException"/> when the lot does.
    /// </summary>
    ValueTask CommissionAsync(LotState lot, LedgerEvent lotEvent, IReadOnlyList<LedgerEvent> packEvents, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a sealed pack event whose seq is the head's + 1 and stores <paramref name="newState"/>
    /// as the pack's head, if, in the same transaction, the pack's lot is still at
    /// <paramref name="lotHead"/>: the lot state (a recall) the decision read. Returns false,
    /// storing nothing, when another append won the race or the lot moved meanwhile.
    /// </summary>
    ValueTask<bool> TryAppendAsync(LedgerEvent e, PackState newState, ChainHead lotHead, CancellationToken cancellationToken);

    /// <summary>Appends a sealed lot event and stores the lot's new state; false if another append won.</summary>
    ValueTask<bool> TryAppendAsync(LedgerEvent e, LotState newState, CancellationToken cancellationToken);

    /// <summary>
    /// Stores every write of <paramref name="writes"/>, in order, in one transaction: each is checked as
    /// its single form is (the head it extends, the lot guard, a lot or serial that must be new) against
    /// the state the writes before it left. Returns false, storing nothing at all, when any check fails:
    /// the caller reads again and decides again. Used by an EPCIS capture and by case operations (packing,
    /// unpacking, shipping or receiving a pallet with every pack in it), which are all or none.
    /// </summary>
    ValueTask<bool> TryAppendBatchAsync(IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken);

    /// <summary>
    /// Every chain with its stored state, for the replaying audit: all lot chains first, then
    /// every pack chain, then every case chain; events with no state row, and rows with no events, are yielded too.
    /// </summary>
    IAsyncEnumerable<StoredChain> ReadChainsAsync(CancellationToken cancellationToken);
}
