using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Packs;

/// <summary>
/// Gathers the facts the alert rules and the lifecycle decide on: the product, the pack and its
/// lot, whether the scanned lot exists, the names of the parties the pack mentions and, for a
/// verification, where else the pack was scanned within the clone window (<paramref name="scans"/>).
/// </summary>
public sealed class ScanFactsReader(ILedgerStore ledger, ICatalogStore catalog, PartyDirectory parties,
    IScanLog? scans = null, TimeSpan cloneWindow = default)
{
    public async ValueTask<PackFacts> ReadAsync(Party actor, PackIdentity id, PackAction action, DateTimeOffset now, CancellationToken ct)
    {
        var gtin = id.Gtin.Value;
        var product = await catalog.FindProductAsync(gtin, ct);
        var pack = product is null ? null : await ledger.FindPackAsync(gtin, id.Serial, ct);
        var lot = pack is null ? null
            : await catalog.FindLotAsync(gtin, pack.Lot, ct)
              ?? throw new InvalidOperationException($"Pack {gtin}/{id.Serial} belongs to lot {pack.Lot}, which is not stored.");
        // Whether an unknown serial's lot exists at all tells a forged label from a typo.
        var scannedLotRegistered = pack is not null || product is null || id.Lot is null
            || await catalog.FindLotAsync(gtin, id.Lot, ct) is not null;
        var names = pack is null ? PartyNames.None : await NamesAsync(pack, ct);
        var read = new PackFacts(new ScanFacts
        {
            Action = action,
            Actor = actor,
            Now = now,
            Scanned = id,
            ProductName = product?.Name,
            Pack = pack,
            Lot = lot,
            ScannedLotRegistered = scannedLotRegistered,
            Name = pack is null ? names.Describe : HolderDisclosure.Names(actor, pack, product?.Manufacturer, names.Describe),
        }, product?.Manufacturer);
        return pack is not null && action == PackAction.Verify ? await WithSightingsAsync(read, actor, pack, now, ct) : read;
    }

    /// <summary>
    /// Other trading parties' scans of the pack within the window (a regulator's inspection is no
    /// sighting) and, only when there are any, who the ledger placed in its custody meanwhile.
    /// </summary>
    private async ValueTask<PackFacts> WithSightingsAsync(PackFacts read, Party actor, PackState pack, DateTimeOffset now, CancellationToken ct)
    {
        if (scans is null || cloneWindow <= TimeSpan.Zero || actor.Role is not (PartyRole.Wholesaler or PartyRole.Pharmacy)) return read;
        var since = now - cloneWindow;
        var sightings = new List<Sighting>();
        // Shipping scans are left out by the log: a shipping scan says the pack left that party (a misdelivery is
        // explained by custody), not that it is in stock there.
        foreach (var scan in await scans.SightingsOfPackAsync(pack.Gtin, pack.Serial, since, ct))
        {
            if (scan.Actor == actor.Gln) continue;
            if (await parties.FindAsync(scan.Actor, ct) is not { Role: not PartyRole.Regulator }) continue;
            sightings.Add(new Sighting(scan.At, scan.Actor));
        }
        if (sightings.Count == 0) return read;
        var custody = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stored in await ledger.GetChainAsync(StreamKind.Pack, pack.Gtin, pack.Serial, ct))
        {
            var e = stored.Event;
            if (e.RecordedAt < since && e.OccurredAt < since) continue;
            foreach (var party in new[] { e.Actor, e.From, e.To }.OfType<string>()) custody.Add(party);
        }
        return read with { Facts = read.Facts with { RecentSightings = sightings, RecentCustody = custody } };
    }

    // The only parties a rule or the lifecycle names in a message.
    private async ValueTask<PartyNames> NamesAsync(PackState pack, CancellationToken ct) =>
        new([
            await parties.FindAsync(pack.ChangedBy, ct),
            await parties.FindAsync(pack.Custodian, ct),
            await parties.FindAsync(pack.ShipTo, ct),
        ]);
}
