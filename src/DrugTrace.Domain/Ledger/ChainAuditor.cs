using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Ledger;

/// <summary>
/// Recomputes every chain and the global log order from events fed in log-index order.
/// Memory is one small head per chain; the caller names each chain by a number of its choice.
/// The stored hashes are also folded, in log order, into the Merkle tree of the log, so that its
/// root can be compared with a signed checkpoint (<see cref="ExpectCheckpoint"/>).
/// </summary>
public sealed class ChainAuditor
{
    private readonly Dictionary<long, ChainHead> _heads = new();
    private readonly List<AuditViolation> _violations = [];
    private readonly List<string> _logViolations = [];
    private readonly CompactRange _tree = new();
    private long _lastLogIndex = -1;
    private (long Size, Hash256 Root)? _checkpoint;

    public long Events { get; private set; }
    public int Chains => _heads.Count;
    public int PackChains { get; private set; }
    public IReadOnlyList<AuditViolation> Violations => _violations;

    /// <summary>The root of the log's tree over every stored event fed so far.</summary>
    public Hash256 LogRoot => _tree.Root();

    public long LogSize => _tree.Size;

    /// <summary>Log-wide problems (root, size) that belong to no chain.</summary>
    public IReadOnlyList<string> LogViolations => _logViolations;

    /// <summary>
    /// The latest signed checkpoint: once its many events are fed, their root must be its root.
    /// Call before feeding events; call <see cref="Complete"/> after the last.
    /// </summary>
    public void ExpectCheckpoint(long size, Hash256 root) => _checkpoint = (size, root);

    /// <summary>Ends the feed: a log shorter than the checkpoint it once signed is a violation.</summary>
    public void Complete()
    {
        if (_checkpoint is { } c && _tree.Size < c.Size)
            _logViolations.Add($"the log holds {_tree.Size} events, fewer than the {c.Size} of the checkpoint it signed: events were deleted");
        if (_checkpoint is { Size: 0 } empty && empty.Root != Rfc6962.EmptyRoot)
            _logViolations.Add("the checkpoint of the empty log does not have the empty root");
    }

    /// <summary>Checks one chain on its own (a pack's history), without the global log.</summary>
    public static IReadOnlyList<AuditViolation> VerifyChain(IEnumerable<LedgerEvent> chain)
    {
        var auditor = new ChainAuditor();
        foreach (var e in chain) auditor.CheckLink(0, 0, e, EventHasher.ComputeHash(e) == e.Hash);
        return auditor.Violations;
    }

    /// <summary>Checks one stored event against its chain so far.</summary>
    public void Observe(long logIndex, long chainId, LedgerEvent stored) =>
        Observe(logIndex, chainId, stored, EventHasher.ComputeHash(stored) == stored.Hash, Rfc6962.LeafHash(stored.Hash));

    /// <summary>
    /// Checks a run of consecutive stored events. Recomputing the hashes, the costly part, runs
    /// on every core; the links are then checked in log order.
    /// </summary>
    public void ObserveBatch(IReadOnlyList<AuditEntry> entries)
    {
        var intact = new bool[entries.Count];
        var leaves = new Hash256[entries.Count];
        Parallel.For(0, entries.Count, i =>
        {
            intact[i] = EventHasher.ComputeHash(entries[i].Event) == entries[i].Event.Hash;
            leaves[i] = Rfc6962.LeafHash(entries[i].Event.Hash);
        });
        for (var i = 0; i < entries.Count; i++)
            Observe(entries[i].LogIndex, entries[i].ChainId, entries[i].Event, intact[i], leaves[i]);
    }

    private void Observe(long logIndex, long chainId, LedgerEvent stored, bool intact, Hash256 leaf)
    {
        if (logIndex != _lastLogIndex + 1)
            Report(stored, logIndex, $"global log index jumps from {_lastLogIndex} to {logIndex}: events are missing or reordered");
        _lastLogIndex = logIndex;
        _tree.Append(leaf);
        if (_checkpoint is { } c && c.Size == _tree.Size && _tree.Root() != c.Root)
            _logViolations.Add($"the first {c.Size} events of the log hash to root {_tree.Root()}, but the checkpoint signed at that size says {c.Root}: "
                + "an event was edited, deleted, inserted or reordered");
        CheckLink(logIndex, chainId, stored, intact);
    }

    private void CheckLink(long logIndex, long chainId, LedgerEvent stored, bool intact)
    {
        Events++;
        var exists = _heads.TryGetValue(chainId, out var head);
        if (!exists && stored.Stream == StreamKind.Pack) PackChains++;
        var expectedSeq = exists ? head.Seq + 1 : 0;
        var expectedPrev = exists ? head.Hash : Hash256.Zero;
        if (stored.Seq != expectedSeq)
            Report(stored, logIndex, $"seq {stored.Seq} follows seq {expectedSeq - 1}: the chain has a gap or a duplicate");
        if (stored.PrevHash != expectedPrev)
            Report(stored, logIndex, expectedSeq == 0
                ? "the first event's prevHash is not zero"
                : $"prevHash does not match the hash of seq {expectedSeq - 1}");
        if (!intact)
            Report(stored, logIndex, "the stored hash does not match the event's content: the event was altered");

        // Chain on what is stored, so that one altered event is reported once, not at every later link.
        _heads[chainId] = new ChainHead(stored.Seq, stored.Hash);
    }

    public bool TryGetHead(long chainId, out ChainHead head) => _heads.TryGetValue(chainId, out head);

    /// <summary>Lets the store report a problem found outside the chain itself (a head that disagrees with it).</summary>
    public void Report(AuditViolation violation) => _violations.Add(violation);

    private void Report(LedgerEvent e, long logIndex, string problem) =>
        _violations.Add(new AuditViolation(e.Stream, e.Gtin, e.Key, e.Seq, logIndex, problem));
}
