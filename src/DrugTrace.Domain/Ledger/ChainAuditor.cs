using DrugTrace.Domain.Transparency;

namespace DrugTrace.Domain.Ledger;

/// <summary>
/// Recomputes every chain and the global log from chains fed one at a time, in any order and from several
/// threads at once: each event's hash over its content, the links (seq, prevHash) of its chain, log indexes
/// rising along the chain, and the chain's end against the stored head. Each event's hash also becomes the
/// leaf at its log index, so that <see cref="Complete"/> finds the indexes no event holds and folds the
/// log's Merkle root, to compare with a signed checkpoint (<see cref="ExpectCheckpoint"/>).
/// </summary>
public sealed class ChainAuditor
{
    // A wrecked log could have a gap at every other index; this many already say so.
    private const int MaxGapsNamed = 20;

    private readonly LeafTable _leaves = new();
    private readonly List<string> _logViolations = [];
    private (long Size, Hash256 Root)? _checkpoint;
    private Hash256? _root;
    private bool _complete;
    private bool _hasGaps;
    private long _events;
    private int _packChains;
    private int _chains;

    public long Events => Interlocked.Read(ref _events);

    public int PackChains => Volatile.Read(ref _packChains);

    /// <summary>Chains with at least one event, of every kind.</summary>
    public int Chains => Volatile.Read(ref _chains);

    /// <summary>The size of the log the events claim: one more than the highest log index fed.</summary>
    public long LogSize => _leaves.Size;

    /// <summary>The root of the log's tree over every event fed; null while an index below <see cref="LogSize"/> holds no event.</summary>
    public Hash256? LogRoot
    {
        get
        {
            if (!_complete) throw new InvalidOperationException("Call Complete after the last chain.");
            if (_root is null && !_hasGaps) _root = _leaves.Root(LogSize);
            return _root;
        }
    }

    /// <summary>Log-wide problems (indexes no event holds, the root or size against the checkpoint) that belong to no one chain.</summary>
    public IReadOnlyList<string> LogViolations => _logViolations;

    /// <summary>
    /// The latest signed checkpoint: the first of its many events must hash to its root.
    /// Call before <see cref="Complete"/>.
    /// </summary>
    public void ExpectCheckpoint(long size, Hash256 root) => _checkpoint = (size, root);

    /// <summary>
    /// Checks one chain, its events in seq order as stored, against its stored head (null when the chain
    /// has no stored state row). Safe to call for different chains at once.
    /// </summary>
    public IReadOnlyList<AuditViolation> CheckChain(
        StreamKind stream, string gtin, string key, IReadOnlyList<(long LogIndex, LedgerEvent Event)> events, ChainHead? storedHead)
    {
        var violations = new List<AuditViolation>();
        if (events.Count == 0)
        {
            if (storedHead is { } orphan) violations.Add(new AuditViolation(stream, gtin, key, orphan.Seq, 0, "the chain has no events"));
            return violations;
        }
        Interlocked.Add(ref _events, events.Count);
        Interlocked.Increment(ref _chains);
        if (stream == StreamKind.Pack) Interlocked.Increment(ref _packChains);
        CheckLinks(events, violations, logIndexes: true);
        for (var i = 0; i < events.Count; i++)
        {
            var (index, e) = events[i];
            if (!_leaves.TrySet(index, Rfc6962.LeafHash(e.Hash)))
                violations.Add(Violation(e, index, $"log index {index} is held by another event as well"));
        }
        var (lastIndex, last) = events[^1];
        if (storedHead is { } head && (head.Seq != last.Seq || head.Hash != last.Hash))
            violations.Add(new AuditViolation(stream, gtin, key, head.Seq, lastIndex,
                $"the current state says seq {head.Seq}, but the chain ends at seq {last.Seq} with another hash"));
        return violations;
    }

    /// <summary>
    /// Ends the feed: every index below the log's size must hold an event, the log may not be shorter than
    /// the checkpoint it signed, and its first events must hash to that checkpoint's root.
    /// </summary>
    public void Complete()
    {
        _complete = true;
        var size = LogSize;
        var gaps = _leaves.Gaps(size).ToList();
        _hasGaps = gaps.Count > 0;
        foreach (var (first, last) in gaps.Take(MaxGapsNamed))
            _logViolations.Add(first == last
                ? $"the log holds no event at index {first}: an event was deleted or moved"
                : $"the log holds no events at indexes {first} to {last}: events were deleted or moved");
        if (gaps.Count > MaxGapsNamed) _logViolations.Add($"and {gaps.Count - MaxGapsNamed} more gaps in the log");

        if (_checkpoint is { } checkpoint) CompareWith(checkpoint, size, gaps);
    }

    // The log against the checkpoint it signed (its own method, so that no mutant of Complete leaves a variable unassigned).
    private void CompareWith((long Size, Hash256 Root) c, long size, List<(long First, long Last)> gaps)
    {
        if (size < c.Size)
            _logViolations.Add($"the log holds {size} events, fewer than the {c.Size} of the checkpoint it signed: events were deleted");
        else if (gaps.Count > 0 && gaps[0].First < c.Size)
            _logViolations.Add($"the first {c.Size} events of the log cannot hash to the root of the checkpoint signed at that size: events are missing");
        else
        {
            var root = _leaves.Root(c.Size);
            if (c.Size == size) _root = root;
            if (root != c.Root)
                _logViolations.Add($"the first {c.Size} events of the log hash to root {root}, but the checkpoint signed at that size says {c.Root}: "
                    + "an event was edited, deleted, inserted or reordered");
        }
    }

    /// <summary>Checks one chain on its own (a pack's history), without the global log.</summary>
    public static IReadOnlyList<AuditViolation> VerifyChain(IEnumerable<LedgerEvent> chain)
    {
        var violations = new List<AuditViolation>();
        CheckLinks([.. chain.Select(e => (0L, e))], violations, logIndexes: false);
        return violations;
    }

    // Chain on what is stored, so that one altered event is reported once, not at every later link.
    private static void CheckLinks(IReadOnlyList<(long LogIndex, LedgerEvent Event)> events, List<AuditViolation> violations, bool logIndexes)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var (index, stored) = events[i];
            var expectedSeq = i == 0 ? 0 : events[i - 1].Event.Seq + 1;
            var expectedPrev = i == 0 ? Hash256.Zero : events[i - 1].Event.Hash;
            if (stored.Seq != expectedSeq)
                violations.Add(Violation(stored, index, $"seq {stored.Seq} follows seq {expectedSeq - 1}: the chain has a gap or a duplicate"));
            if (stored.PrevHash != expectedPrev)
                violations.Add(Violation(stored, index, expectedSeq == 0
                    ? "the first event's prevHash is not zero"
                    : $"prevHash does not match the hash of seq {expectedSeq - 1}"));
            if (EventHasher.ComputeHash(stored) != stored.Hash)
                violations.Add(Violation(stored, index, "the stored hash does not match the event's content: the event was altered"));
            if (logIndexes && i > 0 && index <= events[i - 1].LogIndex)
                violations.Add(Violation(stored, index,
                    $"log index {index} is not after log index {events[i - 1].LogIndex} of seq {events[i - 1].Event.Seq}: the chain's events are out of log order"));
        }
    }

    private static AuditViolation Violation(LedgerEvent e, long logIndex, string problem) => new(e.Stream, e.Gtin, e.Key, e.Seq, logIndex, problem);
}
