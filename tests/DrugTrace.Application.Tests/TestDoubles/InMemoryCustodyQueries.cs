using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>The custody queries over the in-memory pack heads, with the same rules as the real stores' SQL.</summary>
public sealed class InMemoryCustodyQueries(InMemoryLedgerStore ledger) : ICustodyQueries
{
    public ValueTask<IReadOnlyList<StockCount>> CountStockAsync(string custodian, StockFilter filter, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<StockCount>>([.. ledger.Packs
            .Where(p => p.Custodian == custodian && p.Status is PackStatus.Active or PackStatus.Locked or PackStatus.Quarantined
                && p.HeldFrom != PackStatus.InTransit)
            .Where(p => (filter.Gtin is null || p.Gtin == filter.Gtin) && (filter.Lot is null || p.Lot == filter.Lot)
                && (filter.ExpiringBefore is null || p.Expiry < filter.ExpiringBefore))
            .GroupBy(p => (p.Gtin, p.Lot, p.Expiry, p.Status))
            .Select(g => new StockCount(g.Key.Gtin, g.Key.Lot, g.Key.Expiry, g.Key.Status, g.Count()))]);

    public ValueTask<IReadOnlyList<PackState>> ListInTransitAsync(string party, ShipmentDirection direction, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<PackState>>([.. ledger.Packs
            .Where(p => p.Status == PackStatus.InTransit && (direction == ShipmentDirection.Incoming ? p.ShipTo : p.Custodian) == party)
            .OrderBy(p => p.ChangedAt).Take(limit)]);

    public ValueTask<IReadOnlyList<PackState>> ListQuarantinedAsync(string? quarantinedBy, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<PackState>>([.. ledger.Packs
            .Where(p => p.Status == PackStatus.Quarantined && (quarantinedBy is null || p.ChangedBy == quarantinedBy))
            .OrderByDescending(p => p.ChangedAt).Take(limit)]);
}
