using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>A ledger store that passes every call to another; a test overrides the call it means to script.</summary>
public class DelegatingLedgerStore(ILedgerStore inner) : ILedgerStore
{
    public virtual ValueTask<PackState?> FindPackAsync(string gtin, string serial, CancellationToken cancellationToken) => inner.FindPackAsync(gtin, serial, cancellationToken);
    public virtual ValueTask<IReadOnlyList<PackState>> ListPacksAsync(string gtin, string lot, int skip, int take, CancellationToken cancellationToken) =>
        inner.ListPacksAsync(gtin, lot, skip, take, cancellationToken);
    public virtual ValueTask<int> CountPacksAsync(string gtin, string lot, CancellationToken cancellationToken) => inner.CountPacksAsync(gtin, lot, cancellationToken);
    public virtual ValueTask<CaseState?> FindCaseAsync(string sscc, CancellationToken cancellationToken) => inner.FindCaseAsync(sscc, cancellationToken);
    public virtual ValueTask<CaseChildren> ListCaseChildrenAsync(string sscc, CancellationToken cancellationToken) => inner.ListCaseChildrenAsync(sscc, cancellationToken);
    public virtual ValueTask<IReadOnlyList<StoredEvent>> GetChainAsync(StreamKind stream, string gtin, string key, CancellationToken cancellationToken) =>
        inner.GetChainAsync(stream, gtin, key, cancellationToken);
    public virtual ValueTask CommissionAsync(LotState lot, LedgerEvent lotEvent, IReadOnlyList<LedgerEvent> packEvents, CancellationToken cancellationToken) =>
        inner.CommissionAsync(lot, lotEvent, packEvents, cancellationToken);
    public virtual ValueTask<bool> TryAppendAsync(LedgerEvent e, PackState newState, ChainHead lotHead, CancellationToken cancellationToken) =>
        inner.TryAppendAsync(e, newState, lotHead, cancellationToken);
    public virtual ValueTask<bool> TryAppendAsync(LedgerEvent e, LotState newState, CancellationToken cancellationToken) => inner.TryAppendAsync(e, newState, cancellationToken);
    public virtual ValueTask<bool> TryAppendBatchAsync(IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken) => inner.TryAppendBatchAsync(writes, cancellationToken);
    public virtual IAsyncEnumerable<StoredChain> ReadChainsAsync(CancellationToken cancellationToken) => inner.ReadChainsAsync(cancellationToken);
}
