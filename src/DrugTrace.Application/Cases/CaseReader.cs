using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Application.Cases;

/// <summary>Reads a case with everything inside it, however deep, and says who may see it.</summary>
public sealed class CaseReader(ILedgerStore ledger, ICatalogStore catalog)
{
    /// <summary>Pallets of cases of cases are rare; deeper than this is a damaged store, not a pallet.</summary>
    public const int MaxDepth = 8;

    /// <summary>The case a party may see, or a 404 (an unknown SSCC and another party's case are answered alike).</summary>
    public async ValueTask<CaseState> FindVisibleAsync(Party actor, Sscc sscc, CancellationToken ct)
    {
        var found = await ledger.FindCaseAsync(sscc.Value, ct);
        if (found is null || !MaySee(actor, found))
            throw Unknown(sscc);
        return found;
    }

    /// <summary>
    /// The case scanned for receipt, whoever may see it: a pallet received by a party it was not shipped to
    /// is decided (to raise its custody alerts) but not described to that party. A 404 for an unknown SSCC.
    /// </summary>
    public async ValueTask<CaseState> FindForReceiptAsync(Sscc sscc, CancellationToken ct) =>
        await ledger.FindCaseAsync(sscc.Value, ct) ?? throw Unknown(sscc);

    /// <summary>The 404 for an SSCC the party may not see: worded alike whether it exists or not.</summary>
    public static NotFoundException Unknown(Sscc sscc) => new($"No case or pallet with SSCC {sscc.Value} is known to you.");

    public static bool MaySee(Party actor, CaseState c) =>
        actor.Role == PartyRole.Regulator || c.Custodian == actor.Gln || c.ShipTo == actor.Gln || c.PackedBy == actor.Gln;

    /// <summary>
    /// The packs and cases to be packed, each in the actor's stock: a 404 for one it does not know, a 403 for
    /// one it does not hold; nothing is packed then. Read alike by a pack request and by a captured AggregationEvent.
    /// </summary>
    public async ValueTask<(List<PackInCase> Packs, List<CaseState> Cases)> ChildrenAsync(Party actor,
        IEnumerable<(string Gtin, string Serial)> packIds, IEnumerable<string> caseIds, CancellationToken ct)
    {
        var lots = new Dictionary<(string, string), LotState>();
        var packs = new List<PackInCase>();
        foreach (var (gtin, serial) in packIds)
        {
            var pack = await ledger.FindPackAsync(gtin, serial, ct)
                ?? throw new NotFoundException($"Pack {gtin}/{serial} is not in the ledger; nothing was packed.");
            if (pack.Custodian != actor.Gln)
                throw new ForbiddenAccessException($"Pack {pack.Gtin}/{pack.Serial} is not in your stock; nothing was packed.");
            packs.Add(new PackInCase(pack, await LotAsync(pack, lots, ct)));
        }
        var cases = new List<CaseState>();
        foreach (var inner in caseIds)
        {
            var c = await ledger.FindCaseAsync(inner, ct);
            if (c is null || !MaySee(actor, c))
                throw new NotFoundException($"No case or pallet with SSCC {inner} is known to you; nothing was packed.");
            if (c.Custodian != actor.Gln) throw new ForbiddenAccessException($"Case {inner} is not in your stock; nothing was packed.");
            cases.Add(c);
        }
        return (packs, cases);
    }

    public async ValueTask<CaseContents> ReadAsync(CaseState root, CancellationToken ct)
    {
        var lots = new Dictionary<(string, string), LotState>();
        return await ReadAsync(root, 0, lots, ct);
    }

    private async ValueTask<CaseContents> ReadAsync(CaseState c, int depth, Dictionary<(string, string), LotState> lots, CancellationToken ct)
    {
        if (depth > MaxDepth) throw new ConflictException($"Case {c.Sscc} is nested more than {MaxDepth} deep; the ledger audit will say why.");
        if (c.Status == CaseStatus.Unpacked) return new CaseContents(c, [], []);
        var children = await ledger.ListCaseChildrenAsync(c.Sscc, ct);
        var packs = new List<PackInCase>(children.Packs.Count);
        foreach (var pack in children.Packs.OrderBy(p => p.Gtin, StringComparer.Ordinal).ThenBy(p => p.Serial, StringComparer.Ordinal))
            packs.Add(new PackInCase(pack, await LotAsync(pack, lots, ct)));
        var cases = new List<CaseContents>(children.Cases.Count);
        foreach (var inner in children.Cases.OrderBy(x => x.Sscc, StringComparer.Ordinal))
            cases.Add(await ReadAsync(inner, depth + 1, lots, ct));
        return new CaseContents(c, packs, cases);
    }

    public async ValueTask<LotState> LotAsync(PackState pack, Dictionary<(string, string), LotState> lots, CancellationToken ct)
    {
        if (lots.TryGetValue((pack.Gtin, pack.Lot), out var lot)) return lot;
        lot = await catalog.FindLotAsync(pack.Gtin, pack.Lot, ct)
            ?? throw new InvalidOperationException($"Pack {pack.Gtin}/{pack.Serial} names lot {pack.Lot}, which is not registered.");
        lots[(pack.Gtin, pack.Lot)] = lot;
        return lot;
    }
}
