using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Parties;
using Mediator;

namespace DrugTrace.Application.Shipping;

/// <summary>
/// Packs in transit to the caller (incoming) or from it (outgoing), grouped by the other party and
/// the day they were shipped: what a goods-in desk expects and what a dispatch desk has sent.
/// Only shipments the caller is a party to are read.
/// </summary>
public sealed record ListShipments(string ActorGln, ShipmentDirection Direction) : IRequest<ShipmentList>, IActorRequest
{
    /// <summary>More packs than this in transit are counted but not all listed.</summary>
    public const int MaxPacks = 5000;
}

/// <summary>A pack of a shipment, with the code that receives it (human-readable GS1 form).</summary>
public sealed record ShipmentPack(string Gtin, string Serial, string Lot, DateOnly Expiry, string? ProductName, string Code);

public sealed record Shipment(string Counterpart, string CounterpartName, DateOnly Day, int Count, IReadOnlyList<ShipmentPack> Packs);

public sealed record ShipmentList(string Direction, int Packs, bool Truncated, IReadOnlyList<Shipment> Shipments);

public sealed class ListShipmentsHandler(ICustodyQueries custody, ICatalogStore catalog, PartyDirectory parties, IActorContext context)
    : IRequestHandler<ListShipments, ShipmentList>
{
    public async ValueTask<ShipmentList> Handle(ListShipments request, CancellationToken cancellationToken)
    {
        var incoming = request.Direction == ShipmentDirection.Incoming;
        var packs = await custody.ListInTransitAsync(context.Actor.Gln, request.Direction, ListShipments.MaxPacks + 1, cancellationToken);
        var truncated = packs.Count > ListShipments.MaxPacks;
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        var shipments = new List<Shipment>();
        foreach (var g in packs.Take(ListShipments.MaxPacks)
                     .GroupBy(p => (Counterpart: incoming ? p.Custodian : p.ShipTo!, Day: DateOnly.FromDateTime(p.ChangedAt.UtcDateTime)))
                     .OrderByDescending(g => g.Key.Day).ThenBy(g => g.Key.Counterpart, StringComparer.Ordinal))
        {
            var party = await parties.FindAsync(g.Key.Counterpart, cancellationToken);
            var lines = new List<ShipmentPack>();
            foreach (var p in g)
            {
                if (!names.TryGetValue(p.Gtin, out var name))
                    names[p.Gtin] = name = (await catalog.FindProductAsync(p.Gtin, cancellationToken))?.Name;
                lines.Add(new ShipmentPack(p.Gtin, p.Serial, p.Lot, p.Expiry, name, PackCodes.HumanReadable(p.Gtin, p.Expiry, p.Lot, p.Serial)));
            }
            shipments.Add(new Shipment(g.Key.Counterpart, party?.Name ?? g.Key.Counterpart, g.Key.Day, lines.Count, lines));
        }
        return new ShipmentList(incoming ? "incoming" : "outgoing", Math.Min(packs.Count, ListShipments.MaxPacks), truncated, shipments);
    }
}
