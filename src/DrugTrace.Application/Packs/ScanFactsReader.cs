using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Parties;
using DrugTrace.Domain.Alerts.Rules;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Packs;

/// <summary>
/// Gathers the facts the alert rules and the lifecycle decide on: the product, the pack and its
/// lot, whether the scanned lot exists, and the names of the parties the pack mentions.
/// </summary>
public sealed class ScanFactsReader(ILedgerStore ledger, ICatalogStore catalog, PartyDirectory parties)
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
        return new PackFacts(new ScanFacts
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
    }

    // The only parties a rule or the lifecycle names in a message.
    private async ValueTask<PartyNames> NamesAsync(PackState pack, CancellationToken ct) =>
        new([
            await parties.FindAsync(pack.ChangedBy, ct),
            await parties.FindAsync(pack.Custodian, ct),
            await parties.FindAsync(pack.ShipTo, ct),
        ]);
}
