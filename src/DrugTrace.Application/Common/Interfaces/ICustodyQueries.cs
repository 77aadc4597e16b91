using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Common.Interfaces;

/// <summary>What a trading party holds and what is on its way to or from it, read from the pack heads.</summary>
public interface ICustodyQueries
{
    /// <summary>
    /// Packs in <paramref name="custodian"/>'s own stock (active, locked or quarantined there, not in
    /// transit), counted per product, lot, expiry and status, in any order.
    /// </summary>
    ValueTask<IReadOnlyList<StockCount>> CountStockAsync(string custodian, StockFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Packs in transit to (<see cref="ShipmentDirection.Incoming"/>) or from <paramref name="party"/>, oldest
    /// shipment first, at most <paramref name="limit"/>.
    /// </summary>
    ValueTask<IReadOnlyList<PackState>> ListInTransitAsync(string party, ShipmentDirection direction, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Quarantined packs, newest quarantine first, at most <paramref name="limit"/>: those <paramref name="quarantinedBy"/>
    /// set aside (a quarantined pack's last change is its quarantine), or every one when it is null.
    /// </summary>
    ValueTask<IReadOnlyList<PackState>> ListQuarantinedAsync(string? quarantinedBy, int limit, CancellationToken cancellationToken);
}

/// <summary>Optional stock filters; <see cref="ExpiringBefore"/> keeps packs expiring before that day.</summary>
public sealed record StockFilter(string? Gtin = null, string? Lot = null, DateOnly? ExpiringBefore = null);

public sealed record StockCount(string Gtin, string Lot, DateOnly Expiry, PackStatus Status, int Count);

public enum ShipmentDirection
{
    Incoming,
    Outgoing,
}
