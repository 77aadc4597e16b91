namespace DrugTrace.Storage.Mongo.Documents;

/// <summary>
/// A case's or pallet's head in the <c>cases</c> collection. <c>_id</c> is its chain number: the global
/// log index of its packing event (as a pack's is its commissioning's); the SSCC is unique.
/// </summary>
internal sealed class CaseDocument
{
    public long Chain { get; set; }
    public string Sscc { get; set; } = "";
    /// <summary>The <see cref="Domain.Cases.CaseStatus"/> name.</summary>
    public string Status { get; set; } = "";
    public string Custodian { get; set; } = "";
    public string? ShipTo { get; set; }
    /// <summary>The SSCC of the pallet it is packed in.</summary>
    public string? Parent { get; set; }
    public string PackedBy { get; set; } = "";
    public DateTime PackedAt { get; set; }
    public string ChangedBy { get; set; } = "";
    public DateTime ChangedAt { get; set; }
    public int HeadSeq { get; set; }
    public byte[] HeadHash { get; set; } = [];
}
