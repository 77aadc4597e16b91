namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>
/// A pack's head (its current state) in the <c>packs</c> collection. <c>_id</c> is the pack's chain
/// number: the global log index of its commissioning event, so packs of a lot sort in commission order.
/// </summary>
internal sealed class PackDocument
{
    public long Chain { get; set; }
    public string Gtin { get; set; } = "";
    public string Serial { get; set; } = "";
    public string Lot { get; set; } = "";
    /// <summary>yyyy-MM-dd.</summary>
    public string Expiry { get; set; } = "";
    /// <summary>The <see cref="Domain.Packs.PackStatus"/> name.</summary>
    public string Status { get; set; } = "";
    public string Custodian { get; set; } = "";
    public string? ShipTo { get; set; }
    /// <summary>While quarantined: the status name a release goes back to.</summary>
    public string? HeldFrom { get; set; }
    /// <summary>The SSCC of the case it is packed in.</summary>
    public string? Parent { get; set; }
    public string ChangedBy { get; set; } = "";
    public DateTime ChangedAt { get; set; }
    public int HeadSeq { get; set; }
    public byte[] HeadHash { get; set; } = [];
    /// <summary>
    /// The chain of the lot whose chunked commission wrote this pack, until that lot is complete
    /// (<see cref="LotDocument.Commissioning"/>); the pack is not shown while it is set.
    /// </summary>
    public long? CommissioningLot { get; set; }
}
