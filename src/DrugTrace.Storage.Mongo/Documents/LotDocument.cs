namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>
/// A lot and the head of its chain in the <c>lots</c> collection. <c>_id</c> is the lot's chain
/// number: the global log index of its first event (unique by construction).
/// </summary>
internal sealed class LotDocument
{
    public long Chain { get; set; }
    public string Gtin { get; set; } = "";
    public string Lot { get; set; } = "";
    /// <summary>yyyy-MM-dd, so that it sorts as text.</summary>
    public string Expiry { get; set; } = "";
    public string Manufacturer { get; set; } = "";
    public int HeadSeq { get; set; }
    public byte[] HeadHash { get; set; } = [];
    public DateTime? RecalledAt { get; set; }
    public string? RecallReason { get; set; }
    /// <summary>The public recall text (not part of the lot's state or chain).</summary>
    public string? PublicRecallText { get; set; }
    /// <summary>
    /// Pack handoffs that checked this lot's head in their transaction. Bumping it makes the
    /// check a write, so a concurrent recall (which writes this document too) conflicts with
    /// the handoff instead of both committing on snapshots that do not see each other.
    /// </summary>
    public long Handoffs { get; set; }
    /// <summary>
    /// While a large lot is commissioned in chunks (see <see cref="ChunkedCommission"/>): the number
    /// of packs promised. The lot and its packs are invisible until it is cleared by the last step.
    /// </summary>
    public int? Commissioning { get; set; }
}
