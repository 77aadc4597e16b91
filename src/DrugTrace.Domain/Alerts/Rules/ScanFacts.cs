using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;

namespace DrugTrace.Domain.Alerts.Rules;

/// <summary>
/// Everything an alert rule may look at: what was scanned, by whom, for what, and what the
/// ledger holds for it at that moment.
/// </summary>
public sealed record ScanFacts
{
    public required PackAction Action { get; init; }
    /// <summary>Who scanned; null for a member of the public checking a pack.</summary>
    public Party? Actor { get; init; }
    public required DateTimeOffset Now { get; init; }
    public PackIdentity? Scanned { get; init; }
    /// <summary>Null when the GTIN is not a registered product.</summary>
    public string? ProductName { get; init; }
    /// <summary>The pack with the scanned GTIN and serial, if it was ever commissioned.</summary>
    public PackState? Pack { get; init; }
    /// <summary>The lot the pack was commissioned in.</summary>
    public LotState? Lot { get; init; }
    /// <summary>Whether the lot printed on the scanned label is registered for its GTIN (true when no lot was scanned).</summary>
    public bool ScannedLotRegistered { get; init; } = true;
    /// <summary>How a GLN is named in messages.</summary>
    public Func<string?, string> Name { get; init; } = gln => gln ?? "";
    /// <summary>Scans of this pack by other trading parties within the clone window, newest first (never the scanning party's own).</summary>
    public IReadOnlyList<Sighting> RecentSightings { get; init; } = [];
    /// <summary>
    /// Parties the ledger placed in the pack's custody during the clone window (holders, senders,
    /// recipients of its recorded handoffs), besides its current holder and recipient.
    /// </summary>
    public IReadOnlySet<string> RecentCustody { get; init; } = new HashSet<string>();

    public bool IsHandoff => Action is not PackAction.Verify;
}
