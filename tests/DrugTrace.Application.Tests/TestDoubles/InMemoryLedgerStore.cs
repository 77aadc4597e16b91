using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Domain.Cases;
using DrugTrace.Domain.Ledger;
using DrugTrace.Domain.Packs;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>
/// The ledger in dictionaries, honouring the contract of the real stores: an append is stored only
/// if the chain's head is still seq - 1 with the event's prevHash; a commission is all or nothing and
/// throws <see cref="ConflictException"/> for an existing lot, <see cref="SerialCollisionException"/>
/// for an existing serial.
/// </summary>
public sealed class InMemoryLedgerStore(InMemoryCatalogStore catalog) : ILedgerStore
{
    private readonly Dictionary<(string Gtin, string Serial), PackState> _packs = [];
    private readonly Dictionary<string, CaseState> _cases = new(StringComparer.Ordinal);
    private readonly Dictionary<(StreamKind, string, string), List<StoredEvent>> _chains = [];
    private readonly List<StoredEvent> _log = [];

    /// <summary>Runs once, just before the next append is checked: a concurrent handoff that wins the race.</summary>
    public Func<ValueTask>? BeforeNextAppend { get; set; }

    /// <summary>Runs once, just after the next pack append was stored: a reply lost after the commit (when it throws).</summary>
    public Action? AfterNextAppend { get; set; }

    /// <summary>How many appends were refused because the head had moved.</summary>
    public int LostAppends { get; private set; }

    public int PackReads { get; private set; }

    public int CommissionCalls { get; private set; }

    public IReadOnlyList<StoredEvent> Log => _log;

    /// <summary>Every pack head, for the custody queries double.</summary>
    public IEnumerable<PackState> Packs => _packs.Values;

    public ValueTask<PackState?> FindPackAsync(string gtin, string serial, CancellationToken cancellationToken)
    {
        PackReads++;
        return ValueTask.FromResult(_packs.GetValueOrDefault((gtin, serial)));
    }

    public ValueTask<IReadOnlyList<PackState>> ListPacksAsync(string gtin, string lot, int skip, int take, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<PackState>>(
            [.. _packs.Values.Where(p => p.Gtin == gtin && p.Lot == lot).OrderBy(p => p.Serial, StringComparer.Ordinal).Skip(skip).Take(take)]);

    public ValueTask<int> CountPacksAsync(string gtin, string lot, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_packs.Values.Count(p => p.Gtin == gtin && p.Lot == lot));

    public ValueTask<CaseState?> FindCaseAsync(string sscc, CancellationToken cancellationToken) => ValueTask.FromResult(_cases.GetValueOrDefault(sscc));

    public ValueTask<CaseChildren> ListCaseChildrenAsync(string sscc, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new CaseChildren([.. _packs.Values.Where(p => p.Parent == sscc)], [.. _cases.Values.Where(c => c.Parent == sscc)]));

    public IEnumerable<CaseState> Cases => _cases.Values;

    public ValueTask<IReadOnlyList<StoredEvent>> GetChainAsync(StreamKind stream, string gtin, string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<StoredEvent>>(_chains.TryGetValue((stream, gtin, key), out var chain) ? [.. chain] : []);

    public ValueTask CommissionAsync(LotState lot, LedgerEvent lotEvent, IReadOnlyList<LedgerEvent> packEvents, CancellationToken cancellationToken)
    {
        CommissionCalls++;
        if (catalog.Lots.ContainsKey((lot.Gtin, lot.Lot)))
            throw new ConflictException($"Lot {lot.Lot} of {lot.Gtin} is already registered.");
        var serials = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in packEvents)
        {
            if (_packs.ContainsKey((e.Gtin, e.Key)) || !serials.Add(e.Key))
                throw new SerialCollisionException(lot.Gtin);
        }

        // Nothing is stored before every check has passed: all or none.
        catalog.Lots.Add((lot.Gtin, lot.Lot), lot);
        Store(lotEvent);
        foreach (var e in packEvents)
        {
            _packs.Add((e.Gtin, e.Key), PackLifecycle.Apply(null, e));
            Store(e);
        }
        return ValueTask.CompletedTask;
    }

    public async ValueTask<bool> TryAppendAsync(LedgerEvent e, PackState newState, ChainHead lotHead, CancellationToken cancellationToken)
    {
        await RunConcurrentWinner();
        if (!_packs.TryGetValue((e.Gtin, e.Key), out var current) || !Extends(current.Head, e)
            || !catalog.Lots.TryGetValue((current.Gtin, current.Lot), out var lot) || lot.Head != lotHead)
        {
            LostAppends++;
            return false;
        }
        _packs[(e.Gtin, e.Key)] = newState;
        Store(e);
        if (AfterNextAppend is { } after)
        {
            AfterNextAppend = null;
            after();
        }
        return true;
    }

    public async ValueTask<bool> TryAppendAsync(LedgerEvent e, LotState newState, CancellationToken cancellationToken)
    {
        await RunConcurrentWinner();
        if (!catalog.Lots.TryGetValue((e.Gtin, e.Key), out var current) || !Extends(current.Head, e))
        {
            LostAppends++;
            return false;
        }
        catalog.Lots[(e.Gtin, e.Key)] = newState;
        Store(e);
        return true;
    }

    public async ValueTask<bool> TryAppendBatchAsync(IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken)
    {
        await RunConcurrentWinner();
        // Checked on copies first, stored only if every write passes: all or none.
        var packs = new Dictionary<(string, string), PackState>(_packs);
        var lots = new Dictionary<(string, string), LotState>(catalog.Lots);
        var cases = new Dictionary<string, CaseState>(_cases, StringComparer.Ordinal);
        var events = new List<LedgerEvent>();
        foreach (var write in writes)
        {
            switch (write)
            {
                case LotRegistration r when !lots.ContainsKey((r.Lot.Gtin, r.Lot.Lot)):
                    lots[(r.Lot.Gtin, r.Lot.Lot)] = r.Lot;
                    events.Add(r.Event);
                    break;
                case PacksCommissioning c when lots.TryGetValue((c.Lot.Gtin, c.Lot.Lot), out var lot) && lot.Head == c.Lot.Head
                                               && c.Events.All(e => !packs.ContainsKey((e.Gtin, e.Key))):
                    foreach (var e in c.Events)
                    {
                        if (!packs.TryAdd((e.Gtin, e.Key), PackLifecycle.Apply(null, e))) return Lost();
                        events.Add(e);
                    }
                    break;
                case PackAppend a when packs.TryGetValue((a.Event.Gtin, a.Event.Key), out var pack) && Extends(pack.Head, a.Event)
                                       && lots.TryGetValue((pack.Gtin, pack.Lot), out var packLot) && packLot.Head == a.LotHead:
                    packs[(a.Event.Gtin, a.Event.Key)] = a.State;
                    events.Add(a.Event);
                    break;
                case LotAppend l when lots.TryGetValue((l.Event.Gtin, l.Event.Key), out var current) && Extends(current.Head, l.Event):
                    lots[(l.Event.Gtin, l.Event.Key)] = l.State;
                    events.Add(l.Event);
                    break;
                case CaseCreation c when cases.TryAdd(c.Case.Sscc, c.Case):
                    events.Add(c.Event);
                    break;
                case CaseAppend c when cases.TryGetValue(c.Event.Key, out var held) && Extends(held.Head, c.Event):
                    cases[c.Event.Key] = c.State;
                    events.Add(c.Event);
                    break;
                default:
                    return Lost();
            }
        }
        foreach (var (key, pack) in packs) _packs[key] = pack;
        foreach (var (key, lot) in lots) catalog.Lots[key] = lot;
        foreach (var (key, c) in cases) _cases[key] = c;
        foreach (var e in events) Store(e);
        return true;

        bool Lost()
        {
            LostAppends++;
            return false;
        }
    }

    public async IAsyncEnumerable<StoredChain> ReadChainsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var ((stream, gtin, key), chain) in _chains.Where(c => c.Key.Item1 == StreamKind.Lot).ToList())
            yield return new StoredChain(stream, gtin, key, [.. chain], null, catalog.Lots.GetValueOrDefault((gtin, key)));
        foreach (var ((stream, gtin, key), chain) in _chains.Where(c => c.Key.Item1 == StreamKind.Pack).ToList())
            yield return new StoredChain(stream, gtin, key, [.. chain], _packs.GetValueOrDefault((gtin, key)), null);
        foreach (var ((stream, gtin, key), chain) in _chains.Where(c => c.Key.Item1 == StreamKind.Case).ToList())
            yield return new StoredChain(stream, gtin, key, [.. chain], null, null) { Case = _cases.GetValueOrDefault(key) };
    }

    /// <summary>Edits a stored event in place, as an attacker with write access to the database would.</summary>
    /// <summary>Edits a pack's stored state behind the ledger's back, as someone with write access to the store could.</summary>
    public void TamperState(string gtin, string serial, Func<PackState, PackState> edit) => _packs[(gtin, serial)] = edit(_packs[(gtin, serial)]);

    /// <summary>Edits a case's stored state behind the ledger's back.</summary>
    public void TamperCase(string sscc, Func<CaseState, CaseState> edit) => _cases[sscc] = edit(_cases[sscc]);

    public void Tamper(StreamKind stream, string gtin, string key, int seq, Func<LedgerEvent, LedgerEvent> edit)
    {
        var chain = _chains[(stream, gtin, key)];
        var i = chain.FindIndex(s => s.Event.Seq == seq);
        chain[i] = chain[i] with { Event = edit(chain[i].Event) };
        var j = _log.FindIndex(s => s.LogIndex == chain[i].LogIndex);
        _log[j] = chain[i];
    }

    private async ValueTask RunConcurrentWinner()
    {
        if (BeforeNextAppend is { } winner)
        {
            BeforeNextAppend = null;
            await winner();
        }
    }

    private static bool Extends(ChainHead head, LedgerEvent e) => head.Seq == e.Seq - 1 && head.Hash == e.PrevHash;

    private void Store(LedgerEvent e)
    {
        var stored = new StoredEvent(_log.Count, e);
        _log.Add(stored);
        var key = (e.Stream, e.Gtin, e.Key);
        if (!_chains.TryGetValue(key, out var chain)) _chains[key] = chain = [];
        chain.Add(stored);
    }
}
