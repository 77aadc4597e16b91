using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Cases;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Products;

namespace DrugTrace.Application.Epcis;

/// <summary>
/// The ledger as it would be after the writes decided so far, none of them stored yet: the same
/// rules (the scan judge, the recall and commissioning checks) decide each captured event on it, as
/// they would on the store, and <see cref="Writes"/> is then stored in one transaction
/// (<see cref="ILedgerStore.TryAppendBatchAsync"/>) or not at all. Reads fall through to the store
/// for what the draft has not changed. <see cref="Mark"/> and <see cref="Undo"/> take back the
/// writes of one event whose later step was refused, so that an event is applied whole or not at all.
/// Not thread-safe: one capture decides its events in order.
/// </summary>
public sealed class LedgerDraft(ILedgerStore ledger, ICatalogStore catalog) : ILedgerStore, ICatalogStore
{
    private readonly Dictionary<(string Gtin, string Serial), PackState> _packs = [];
    private readonly Dictionary<(string Gtin, string Serial), List<LedgerEvent>> _packEvents = [];
    private readonly Dictionary<(string Gtin, string Lot), LotState> _lots = [];
    private readonly List<LedgerWrite> _writes = [];
    private readonly Dictionary<string, Product?> _products = new(StringComparer.Ordinal);
    // What the store answered, absent ones included: a document reads the same pack and lot several
    // times while deciding (was it recorded, is the serial new, the lot's rules). Safe to keep for the
    // draft's life: the batch is stored only if every head it was decided on is still the stored one.
    private readonly Dictionary<(string Gtin, string Serial), PackState?> _storedPacks = [];
    private readonly Dictionary<(string Gtin, string Lot), LotState?> _storedLots = [];
    private readonly List<Action> _undo = [];
    private readonly Dictionary<string, CaseState> _cases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LedgerEvent>> _caseEvents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CaseState?> _storedCases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CaseChildren> _storedChildren = new(StringComparer.Ordinal);

    /// <summary>
    /// The writes decided so far, in order. Packs commissioned by events one after another into the
    /// same lot (at the same head) are one write: the store checks the lot once and inserts them
    /// together, in the same order, as it would one by one.
    /// </summary>
    public IReadOnlyList<LedgerWrite> Writes
    {
        get
        {
            var writes = new List<LedgerWrite>(_writes.Count);
            List<LedgerEvent>? merged = null;
            foreach (var write in _writes)
            {
                if (write is PacksCommissioning next && writes.Count > 0 && writes[^1] is PacksCommissioning last && last.Lot == next.Lot)
                {
                    if (merged is null) writes[^1] = last with { Events = merged = [.. last.Events] };
                    merged.AddRange(next.Events);
                    continue;
                }
                merged = null;
                writes.Add(write);
            }
            return writes;
        }
    }

    /// <summary>A point to come back to with <see cref="Undo"/>.</summary>
    public (int Writes, int Undo) Mark() => (_writes.Count, _undo.Count);

    /// <summary>Takes back every write decided since <paramref name="mark"/>.</summary>
    public void Undo((int Writes, int Undo) mark)
    {
        for (var i = _undo.Count - 1; i >= mark.Undo; i--) _undo[i]();
        _undo.RemoveRange(mark.Undo, _undo.Count - mark.Undo);
        _writes.RemoveRange(mark.Writes, _writes.Count - mark.Writes);
    }

    public async ValueTask<PackState?> FindPackAsync(string gtin, string serial, CancellationToken cancellationToken)
    {
        if (_packs.TryGetValue((gtin, serial), out var pack) || _storedPacks.TryGetValue((gtin, serial), out pack)) return pack;
        return _storedPacks[(gtin, serial)] = await ledger.FindPackAsync(gtin, serial, cancellationToken);
    }

    /// <summary>
    /// Reads the stored state of many packs at once (those a document names, absent ones too), so
    /// that deciding the document's events asks the store nothing more about them.
    /// </summary>
    public async ValueTask ReadPacksAsync(IEnumerable<(string Gtin, string Serial)> packs, CancellationToken cancellationToken)
    {
        foreach (var product in packs.Where(p => !_packs.ContainsKey(p) && !_storedPacks.ContainsKey(p)).Distinct().GroupBy(p => p.Gtin, StringComparer.Ordinal))
        {
            var serials = product.Select(p => p.Serial).ToList();
            var found = await ledger.FindPacksAsync(product.Key, serials, cancellationToken);
            foreach (var serial in serials) _storedPacks[(product.Key, serial)] = found.GetValueOrDefault(serial);
        }
    }

    public async ValueTask<LotState?> FindLotAsync(string gtin, string lot, CancellationToken cancellationToken)
    {
        if (_lots.TryGetValue((gtin, lot), out var state) || _storedLots.TryGetValue((gtin, lot), out state)) return state;
        return _storedLots[(gtin, lot)] = await catalog.FindLotAsync(gtin, lot, cancellationToken);
    }

    /// <summary>A product as first read: a document names few products, many times (products are never changed).</summary>
    public async ValueTask<Product?> FindProductAsync(string gtin, CancellationToken cancellationToken)
    {
        if (_products.TryGetValue(gtin, out var known)) return known;
        var product = await catalog.FindProductAsync(gtin, cancellationToken);
        _products[gtin] = product;
        return product;
    }

    /// <summary>A case as the draft has it (packed, moved or unpacked by an event before), else as stored.</summary>
    public async ValueTask<CaseState?> FindCaseAsync(string sscc, CancellationToken cancellationToken)
    {
        if (_cases.TryGetValue(sscc, out var drafted)) return drafted;
        if (_storedCases.TryGetValue(sscc, out var stored)) return stored;
        return _storedCases[sscc] = await ledger.FindCaseAsync(sscc, cancellationToken);
    }

    /// <summary>What is in a case now: the stored children still in it, and the packs and cases the draft put in it.</summary>
    public async ValueTask<CaseChildren> ListCaseChildrenAsync(string sscc, CancellationToken cancellationToken)
    {
        if (!_storedChildren.TryGetValue(sscc, out var stored))
            _storedChildren[sscc] = stored = await ledger.ListCaseChildrenAsync(sscc, cancellationToken);
        if (_packs.Count == 0 && _cases.Count == 0) return stored;
        var storedPacks = stored.Packs.Select(p => (p.Gtin, p.Serial)).ToHashSet();
        var packs = stored.Packs.Select(p => _packs.GetValueOrDefault((p.Gtin, p.Serial), p)).Where(p => p.Parent == sscc).ToList();
        packs.AddRange(_packs.Values.Where(p => p.Parent == sscc && !storedPacks.Contains((p.Gtin, p.Serial))));
        var storedCases = stored.Cases.Select(c => c.Sscc).ToHashSet(StringComparer.Ordinal);
        var cases = stored.Cases.Select(c => _cases.GetValueOrDefault(c.Sscc, c)).Where(c => c.Parent == sscc).ToList();
        cases.AddRange(_cases.Values.Where(c => c.Parent == sscc && !storedCases.Contains(c.Sscc)));
        return new CaseChildren(packs, cases);
    }

    /// <summary>
    /// Applies the steps of an accepted case operation (<see cref="Domain.Cases.CaseLifecycle"/>) to the draft, if
    /// each extends what the draft holds (the pack's, case's and lot's heads, a new SSCC unused); false, changing nothing, otherwise.
    /// </summary>
    public async ValueTask<bool> TryApplyAsync(IReadOnlyList<CaseStep> steps, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            var ok = step switch
            {
                CaseStep.OfPack p => await FindPackAsync(p.Event.Gtin, p.Event.Key, cancellationToken) is { } pack && Extends(pack.Head, p.Event)
                    && (await FindLotAsync(pack.Gtin, pack.Lot, cancellationToken))?.Head == p.LotHead,
                CaseStep.OfCase { IsNew: true } c => await FindCaseAsync(c.Event.Key, cancellationToken) is null,
                CaseStep.OfCase c => await FindCaseAsync(c.Event.Key, cancellationToken) is { } state && Extends(state.Head, c.Event),
                _ => false,
            };
            if (!ok) return false;
        }
        foreach (var step in steps)
        {
            if (step is CaseStep.OfPack p) SetPack(p.State, p.Event);
            else if (step is CaseStep.OfCase c) SetCase(c.State, c.Event);
        }
        _writes.AddRange(CaseWrites.Of(steps));
        return true;
    }

    private static bool Extends(ChainHead head, LedgerEvent e) => head.Seq == e.Seq - 1 && head.Hash == e.PrevHash;

    /// <summary>A pack's or case's chain: the stored events, then the drafted ones (log index -1: not in the log yet).</summary>
    public async ValueTask<IReadOnlyList<StoredEvent>> GetChainAsync(StreamKind stream, string gtin, string key, CancellationToken cancellationToken)
    {
        if (stream == StreamKind.Case && _caseEvents.TryGetValue(key, out var draftedCase))
        {
            var storedCase = draftedCase[0].Seq == 0 ? [] : await ledger.GetChainAsync(stream, gtin, key, cancellationToken);
            return [.. storedCase, .. draftedCase.Select(e => new StoredEvent(-1, e))];
        }
        if (stream != StreamKind.Pack || !_packEvents.TryGetValue((gtin, key), out var drafted))
            return await ledger.GetChainAsync(stream, gtin, key, cancellationToken);
        // A pack commissioned in this draft has no stored chain.
        var stored = drafted[0].Seq == 0 ? [] : await ledger.GetChainAsync(stream, gtin, key, cancellationToken);
        return [.. stored, .. drafted.Select(e => new StoredEvent(-1, e))];
    }

    /// <summary>Registers a new lot and its packs in the draft; the same conflicts as the store's.</summary>
    public async ValueTask CommissionAsync(LotState lot, LedgerEvent lotEvent, IReadOnlyList<LedgerEvent> packEvents, CancellationToken cancellationToken)
    {
        if (await FindLotAsync(lot.Gtin, lot.Lot, cancellationToken) is not null)
            throw new ConflictException($"Lot {lot.Lot} of {lot.Gtin} is already registered.");
        await CheckNewAsync(lot.Gtin, packEvents, cancellationToken);
        SetLot(lot);
        _writes.Add(new LotRegistration(lot, lotEvent));
        AddPacks(lot, packEvents);
    }

    /// <summary>
    /// Commissions new packs into <paramref name="lot"/>, a registered lot as the caller read it from
    /// this draft; throws <see cref="SerialCollisionException"/> for a serial that exists.
    /// </summary>
    public async ValueTask CommissionIntoAsync(LotState lot, IReadOnlyList<LedgerEvent> packEvents, CancellationToken cancellationToken)
    {
        if (await FindLotAsync(lot.Gtin, lot.Lot, cancellationToken) != lot)
            throw new ConflictException($"Lot {lot.Lot} of {lot.Gtin} changed meanwhile.");
        await CheckNewAsync(lot.Gtin, packEvents, cancellationToken);
        AddPacks(lot, packEvents);
    }

    public async ValueTask<bool> TryAppendAsync(LedgerEvent e, PackState newState, ChainHead lotHead, CancellationToken cancellationToken)
    {
        var current = await FindPackAsync(e.Gtin, e.Key, cancellationToken);
        if (current is null || current.Head.Seq != e.Seq - 1 || current.Head.Hash != e.PrevHash) return false;
        if ((await FindLotAsync(current.Gtin, current.Lot, cancellationToken))?.Head != lotHead) return false;
        SetPack(newState, e);
        _writes.Add(new PackAppend(e, newState, lotHead));
        return true;
    }

    public async ValueTask<bool> TryAppendAsync(LedgerEvent e, LotState newState, CancellationToken cancellationToken)
    {
        var current = await FindLotAsync(e.Gtin, e.Key, cancellationToken);
        if (current is null || current.Head.Seq != e.Seq - 1 || current.Head.Hash != e.PrevHash) return false;
        SetLot(newState);
        _writes.Add(new LotAppend(e, newState));
        return true;
    }

    /// <summary>A draft is never stored as a batch of its own: its <see cref="Writes"/> are.</summary>
    public ValueTask<bool> TryAppendBatchAsync(IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A ledger draft collects writes; store its Writes with the ledger.");

    // What the judge never asks: the draft answers the reads that decide one pack or lot.
    public ValueTask<IReadOnlyList<PackState>> ListPacksAsync(string gtin, string lot, int skip, int take, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A ledger draft answers the reads that decide one pack; list packs from the ledger.");

    public ValueTask<int> CountPacksAsync(string gtin, string lot, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A ledger draft answers the reads that decide one pack; count packs from the ledger.");

    public IAsyncEnumerable<StoredChain> ReadChainsAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("A ledger draft is not audited; audit the ledger.");

    public ValueTask AddProductAsync(Product product, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A capture does not register products.");

    public ValueTask<IReadOnlyList<Product>> ListProductsAsync(string? manufacturer, CancellationToken cancellationToken) =>
        catalog.ListProductsAsync(manufacturer, cancellationToken);

    public ValueTask<IReadOnlyList<LotState>> ListLotsAsync(string gtin, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A ledger draft answers the reads that decide one lot; list lots from the catalog.");

    private async ValueTask CheckNewAsync(string gtin, IReadOnlyList<LedgerEvent> packEvents, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in packEvents)
        {
            if (!seen.Add(e.Key) || await FindPackAsync(e.Gtin, e.Key, ct) is not null) throw new SerialCollisionException(gtin);
        }
    }

    private void AddPacks(LotState lot, IReadOnlyList<LedgerEvent> packEvents)
    {
        foreach (var e in packEvents) SetPack(PackLifecycle.Apply(null, e), e);
        if (packEvents.Count > 0) _writes.Add(new PacksCommissioning(lot, packEvents));
    }

    private void SetPack(PackState state, LedgerEvent e)
    {
        var key = (state.Gtin, state.Serial);
        var had = _packs.TryGetValue(key, out var before);
        _packs[key] = state;
        if (!_packEvents.TryGetValue(key, out var events)) _packEvents[key] = events = [];
        events.Add(e);
        _undo.Add(() =>
        {
            if (had) _packs[key] = before!;
            else _packs.Remove(key);
            events.RemoveAt(events.Count - 1);
            if (events.Count == 0) _packEvents.Remove(key);
        });
    }

    private void SetCase(CaseState state, LedgerEvent e)
    {
        var key = state.Sscc;
        var had = _cases.TryGetValue(key, out var before);
        _cases[key] = state;
        if (!_caseEvents.TryGetValue(key, out var events)) _caseEvents[key] = events = [];
        events.Add(e);
        _undo.Add(() =>
        {
            if (had) _cases[key] = before!;
            else _cases.Remove(key);
            events.RemoveAt(events.Count - 1);
            if (events.Count == 0) _caseEvents.Remove(key);
        });
    }

    private void SetLot(LotState state)
    {
        var key = (state.Gtin, state.Lot);
        var had = _lots.TryGetValue(key, out var before);
        _lots[key] = state;
        _undo.Add(() =>
        {
            if (had) _lots[key] = before!;
            else _lots.Remove(key);
        });
    }
}
