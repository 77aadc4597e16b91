namespace DrugTrace.Application.Common.Interfaces;

/// <summary>
/// Filters on pack events. <see cref="VisibleTo"/> limits the result to the packs one party may
/// see (null: every pack, for regulators): packs of its own brands, and packs whose chain names it
/// as actor, sender or recipient. <see cref="Packs"/> is a list of alternatives (any may match).
/// </summary>
public sealed record LedgerEventQuery
{
    public string? VisibleTo { get; init; }
    public IReadOnlyList<PackFilter> Packs { get; init; } = [];
    public string? Actor { get; init; }
    public DateTimeOffset? OccurredFrom { get; init; }
    public DateTimeOffset? OccurredBefore { get; init; }
    public DateTimeOffset? RecordedFrom { get; init; }
    /// <summary>Only the events whose EPCIS event hash ID is one of these (the stores keep it, indexed); empty: any.</summary>
    public IReadOnlyList<string> EventIds { get; init; } = [];
    /// <summary>Only events after this global log index (the page before ended there).</summary>
    public long? AfterLogIndex { get; init; }
    public int Take { get; init; } = 100;
}

/// <summary>A pack or a class of packs: a GTIN, with a serial for one pack or a lot for a lot's packs.</summary>
public sealed record PackFilter(string Gtin, string? Serial = null, string? Lot = null);
